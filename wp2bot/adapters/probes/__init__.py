"""Probes: storage smoke tests (HTTP/WebDAV, XRootD), HTTP, TCP, Prometheus and Grafana checks."""
