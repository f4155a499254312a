# newsflow container image: build on Debian bookworm, run on bookworm-slim.
#   docker build -t newsflow .
#   docker run --rm -e NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS=broker:9092 newsflow
# docker-compose.yml runs it next to a Kafka broker.

ARG DEBIAN_RELEASE=bookworm

# ---- build ----------------------------------------------------------------------------
FROM debian:${DEBIAN_RELEASE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        build-essential cmake pkg-config \
        librdkafka-dev libjansson-dev libpcre2-dev libssl-dev libmicrohttpd-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# Tests run in CI against a real broker, not here (BUILD_TESTING=OFF: no Criterion needed).
# NF_DATA_DIR is the compiled-in default data directory (pipeline.data_dir overrides it).
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
          -DNF_DATA_DIR=/usr/share/newsflow/data \
 && cmake --build build --parallel "$(nproc)" \
 && test -x build/newsflow

# ---- runtime --------------------------------------------------------------------------
FROM debian:${DEBIAN_RELEASE}-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        librdkafka1 libjansson4 libpcre2-8-0 libssl3 libmicrohttpd12 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin newsflow
COPY --from=build /src/build/newsflow /usr/local/bin/newsflow
COPY examples/newsflow.conf /etc/newsflow/newsflow.conf
COPY data/ /usr/share/newsflow/data/
# Fail the image build if a shared library the binary needs is missing at run time.
RUN if ldd /usr/local/bin/newsflow | grep 'not found'; then exit 1; fi
USER newsflow
# /metrics, /healthz, /readyz (metrics.listen; the image listens on all interfaces so that
# Prometheus and the orchestrator can reach it).
ENV NEWSFLOW_METRICS_LISTEN=0.0.0.0:9464
EXPOSE 9464
# Any config key can be overridden from the environment: NEWSFLOW_ + key upper-cased with
# '.' -> '_', e.g. kafka.bootstrap.servers -> NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS.
ENTRYPOINT ["/usr/local/bin/newsflow"]
CMD ["run", "-c", "/etc/newsflow/newsflow.conf"]
