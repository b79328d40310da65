# kaizen-bot: one process serving the web chat, the API and the webhooks.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 kaizen \
    && mkdir -p /data \
    && chown kaizen:kaizen /data

# Installed as a package, as a deployment installs it (the sample knowledge inside it as bot/sample, see
# setup.py); the sources are not kept, so `python -m bot` imports the installed package, whatever the folder.
COPY pyproject.toml setup.py MANIFEST.in README.md faq.yaml /src/
COPY knowledge /src/knowledge
COPY bot /src/bot
RUN pip install /src && rm -rf /src

# The working directory holds the knowledge in service: the sample, baked in; mount your own over
# /app/knowledge and /app/faq.yaml. Nothing is written here (the database and the cache are in /data).
WORKDIR /app
COPY faq.yaml ./
COPY knowledge ./knowledge

USER kaizen
ENV KAIZEN_FAQ=/app/faq.yaml \
    KAIZEN_KNOWLEDGE=/app/knowledge \
    DATABASE_URL=sqlite:////data/kaizen.db \
    KAIZEN_CACHE_DIR=/data/cache \
    KAIZEN_HOST=0.0.0.0 \
    KAIZEN_PORT=8080
VOLUME ["/data"]
EXPOSE 8080

# The health check asks the address serve listens on (KAIZEN_HOST; a wildcard such as 0.0.0.0 on loopback,
# as bot/reloadcli.py's server_url does) and its port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; host = os.environ.get('KAIZEN_HOST', '').strip(); host = '127.0.0.1' if host in ('', '0.0.0.0', '::') else host; host = f'[{host}]' if ':' in host else host; port = os.environ.get('KAIZEN_PORT', '').strip() or '8080'; direct = urllib.request.build_opener(urllib.request.ProxyHandler({})); sys.exit(0 if direct.open(f'http://{host}:{port}/healthz', timeout=4).status == 200 else 1)"]

CMD ["python", "-m", "bot", "serve"]
