#!/bin/sh
# Starts RabbitMQ 3.10 as this (non-root) user: its node, data, logs and Erlang cookie under $BROKER_DATA, its
# configuration written there (0600) from the environment: the default user $BROKER_USER with $BROKER_PASSWORD
# (created on first start; as Erlang binaries in advanced.config, so any character works), the memory high
# watermark. AMQP on every interface, port $RABBITMQ_NODE_PORT. Logs go to stdout.
set -eu

if [ -z "${BROKER_PASSWORD:-}" ]; then
  echo "broker: BROKER_PASSWORD is empty: the password of $BROKER_USER is needed" >&2
  exit 1
fi

umask 077
export HOME="$BROKER_DATA"
export RABBITMQ_NODENAME="${RABBITMQ_NODENAME:-rabbit@localhost}" \
  RABBITMQ_MNESIA_BASE="$BROKER_DATA/mnesia" \
  RABBITMQ_LOG_BASE="$BROKER_DATA/log" \
  RABBITMQ_LOGS=- \
  RABBITMQ_PID_FILE="$BROKER_DATA/rabbit.pid" \
  RABBITMQ_CONFIG_FILE="$BROKER_DATA/rabbitmq.conf" \
  RABBITMQ_ADVANCED_CONFIG_FILE="$BROKER_DATA/advanced.config" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$BROKER_DATA/enabled_plugins" \
  RABBITMQ_FEATURE_FLAGS_FILE="$BROKER_DATA/feature_flags"
mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
cat > "$RABBITMQ_CONFIG_FILE" <<CONF
listeners.tcp.default = $RABBITMQ_NODE_PORT
vm_memory_high_watermark.absolute = $BROKER_MEMORY_HIGH_WATERMARK
disk_free_limit.absolute = 50MB
log.console = true
log.console.level = info
CONF
erlang_binary() { printf '<<"%s">>' "$(printf '%s' "$1" | sed 's/[\\"]/\\&/g')"; }
printf '[{rabbit, [{default_user, %s}, {default_pass, %s}]}].\n' \
  "$(erlang_binary "$BROKER_USER")" "$(erlang_binary "$BROKER_PASSWORD")" > "$RABBITMQ_ADVANCED_CONFIG_FILE"
echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
unset BROKER_PASSWORD

exec rabbitmq-server
