# syntax=docker/dockerfile:1
# Two stages: the build stage installs wp2bot and its dependencies into a virtualenv, the
# runtime stage copies only that virtualenv. No wheels, pip caches or build files are left in a
# layer of the final image, and the virtualenv holds no pip, setuptools or wheel: it is made
# without pip, the build stage's own pip installs into it (`pip --python`), and wp2bot's build
# backend runs in pip's throw-away build environment.
# tests/integration/test_image_venv.py runs these RUN lines outside Docker and checks the result.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv --without-pip /opt/wp2bot
WORKDIR /src
COPY pyproject.toml README.md ./
COPY wp2bot ./wp2bot
# postgres: psycopg for PostgreSQL; xrootd: the XRootD Python bindings (a manylinux wheel that
# bundles its libraries) that the root:// and roots:// endpoints of data/endpoints.toml need.
# The build fails when the bindings do not import or an installer is left in the virtualenv.
RUN python -m pip --python /opt/wp2bot/bin/python install ".[postgres,xrootd]" \
 && /opt/wp2bot/bin/python -c "import XRootD.client, psycopg, wp2bot.cli" \
 && /opt/wp2bot/bin/python -c "import importlib.util as u, sys; left = [m for m in ('pip', 'setuptools', 'wheel', 'pkg_resources') if u.find_spec(m)]; sys.exit(f'installers left in the virtualenv: {left}' if left else 0)" \
 && find /opt/wp2bot -name __pycache__ -prune -exec rm -rf {} +

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH=/opt/wp2bot/bin:$PATH \
    WP2BOT_DATABASE_URL=sqlite:////var/lib/wp2bot/wp2bot.db \
    WP2BOT_DATA_DIR=/etc/wp2bot/data \
    WP2BOT_HTTP_HOST=0.0.0.0
RUN useradd --system --uid 10001 --home-dir /var/lib/wp2bot --create-home wp2bot
COPY --from=build /opt/wp2bot /opt/wp2bot
COPY data /etc/wp2bot/data
USER wp2bot
WORKDIR /var/lib/wp2bot
EXPOSE 8065
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8065/healthz', timeout=4).status == 200 else 1)"
ENTRYPOINT ["wp2bot"]
CMD ["run"]
