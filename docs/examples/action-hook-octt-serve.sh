#!/bin/sh
# An octt action hook (octt run --action-hook docs/examples/action-hook-octt-serve.sh) that makes the
# reference Central System of `octt serve` perform each operator action through its control interface.
# Set OCTT_SERVE_URL and OCTT_SERVE_TOKEN as `octt serve` prints them. octt hands the action over in
# environment variables (docs/security-suite.md, "Automating operator actions in CI"); this script puts
# none of them into a shell command, and curl gets them URL-encoded. Needs curl 7.76 or later.
#
# For a real Central System, replace the request with a call of its own API, e.g.
#   curl ... --json "{\"chargePointId\":\"$OCTT_CHARGE_POINT_ID\", ...}" "$CSMS_API/..."
# keyed on $OCTT_ACTION_ID (e.g. TC_073_CSMS.change-authorization-key).
set -eu

: "${OCTT_SERVE_URL:?set OCTT_SERVE_URL to the control interface octt serve printed}"
: "${OCTT_SERVE_TOKEN:?set OCTT_SERVE_TOKEN to the token octt serve printed}"

# the token goes in through stdin, not the command line (which other users could read with ps)
printf 'Authorization: Bearer %s\n' "$OCTT_SERVE_TOKEN" |
  exec curl --silent --show-error --fail-with-body \
    --max-time "${OCTT_ACTION_TIMEOUT_SECONDS:-60}" \
    --header @- \
    --globoff --get --request POST \
    --data-urlencode "chargePointId=${OCTT_CHARGE_POINT_ID:-}" \
    --data "${OCTT_ACTION_PARAMETERS:-}" \
    "$OCTT_SERVE_URL/actions/$OCTT_ACTION_ID"
