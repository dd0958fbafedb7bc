# syntax=docker/dockerfile:1
# Multi-stage: build a wheel with its dependencies, then a small non-root runtime image.
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY wp2bot ./wp2bot
RUN python -m pip install --no-cache-dir -U pip wheel \
 && python -m pip wheel --no-cache-dir --wheel-dir /wheels ".[postgres]"

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    WP2BOT_DATABASE_URL=sqlite:////var/lib/wp2bot/wp2bot.db \
    WP2BOT_DATA_DIR=/etc/wp2bot/data \
    WP2BOT_HTTP_HOST=0.0.0.0
RUN useradd --system --uid 10001 --home-dir /var/lib/wp2bot --create-home wp2bot
COPY --from=build /wheels /wheels
RUN python -m pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
COPY data /etc/wp2bot/data
USER wp2bot
WORKDIR /var/lib/wp2bot
EXPOSE 8065
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8065/healthz', timeout=4).status == 200 else 1)"
ENTRYPOINT ["wp2bot"]
CMD ["run"]
