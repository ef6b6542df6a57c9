# hasivu-verify/postgres: metadata only, on top of the imported Debian rootfs. Built with the
# legacy builder (DOCKER_BUILDKIT=0): no RUN step, so nothing needs a network or a registry.
ARG BASE
FROM ${BASE}
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    PGDATA=/var/lib/postgresql/data
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
# SIGINT is Postgres's fast shutdown (the official image's choice); SIGTERM waits for clients.
STOPSIGNAL SIGINT
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
