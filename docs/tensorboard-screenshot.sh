#!/usr/bin/env bash
# Makes docs/tensorboard-train-mnist*.png: TensorBoard (from make setup-tensorboard's venv) serves LOGDIR on
# 127.0.0.1 only, headless Chromium (apt: chromium) photographs one page (PAGE, default the time series),
# then TensorBoard is stopped. What docs/ holds came from:
#   swift run -c release train-mnist --tensorboard runs --epochs 1
#   docs/tensorboard-screenshot.sh runs docs/tensorboard-train-mnist.png
#   PAGE='#images' docs/tensorboard-screenshot.sh runs docs/tensorboard-train-mnist-images.png
set -euo pipefail
logdir=${1:-runs}
out=${2:-docs/tensorboard-train-mnist.png}
port=${PORT:-6123}
python=${TENSORBOARD_PYTHON:-.venv-tensorboard/bin/python}

"$python" -m tensorboard.main --logdir "$logdir" --host 127.0.0.1 --port "$port" >/tmp/tensorboard-screenshot.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
    sleep 1
done
timeout 180 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1000 \
    --force-device-scale-factor=0.75 --virtual-time-budget=20000 --screenshot="$out" "http://127.0.0.1:$port/${PAGE:-#timeseries}"
echo "wrote $out"
