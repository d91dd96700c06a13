#!/usr/bin/env bash
# Builds RoGuard 1.0 for WebLLM: merges the LoRA adapter into its base model, then converts and
# quantizes the merged model with MLC LLM (q4f16_1 and q4f32_1) and writes an mlc-chat-config.json
# whose conversation template passes the raw prompt. The result runs with WebLLM's prebuilt
# Llama-3.1-8B-Instruct model libraries (same architecture), so no library is compiled here.
#
# Needs: Python 3.10+ with torch, transformers, peft, accelerate and mlc_llm (MLC's nightly wheels,
# see https://llm.mlc.ai/docs/install/mlc_llm.html), a Hugging Face token with access to the gated
# meta-llama base model (`huggingface-cli login`), ~60 GB free disk and ~40 GB RAM for the merge.
# This cannot run in this repo's CI (no hub access, no Python packages); see docs/webllm.md.
#
# Usage: scripts/convert-roguard-mlc.sh [--dry-run] [OUTPUT_DIR]      (default OUTPUT_DIR: dist-mlc)
# Environment: ROGUARD_ADAPTER, ROGUARD_BASE_MODEL, ROGUARD_QUANTS ("q4f16_1 q4f32_1"),
#              ROGUARD_CONTEXT (8192), MLC_DEVICE (e.g. cuda, metal, cpu; default: MLC's auto).
set -euo pipefail

DRY_RUN=0
if [[ "${1:-}" == "--dry-run" ]]; then DRY_RUN=1; shift; fi
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi

OUT="${1:-dist-mlc}"
ADAPTER="${ROGUARD_ADAPTER:-Roblox/Llama-3.1-8B-Instruct-RoGuard-1.0}"
BASE="${ROGUARD_BASE_MODEL:-meta-llama/Meta-Llama-3.1-8B-Instruct}"
QUANTS="${ROGUARD_QUANTS:-q4f16_1 q4f32_1}"
CONTEXT="${ROGUARD_CONTEXT:-8192}"
MERGED="$OUT/RoGuard-1.0-merged-hf"

run() {
  printf '+ %s\n' "$*"
  if [[ $DRY_RUN -eq 0 ]]; then "$@"; fi
}

if [[ $DRY_RUN -eq 0 ]]; then
  command -v python3 >/dev/null || { echo "python3 is required." >&2; exit 1; }
  command -v mlc_llm >/dev/null || { echo "mlc_llm is required: pip install MLC's nightly wheels (https://llm.mlc.ai/docs/install/mlc_llm.html)." >&2; exit 1; }
  python3 -c 'import torch, transformers, peft' 2>/dev/null || { echo "Python packages torch, transformers and peft are required: pip install torch transformers peft accelerate" >&2; exit 1; }
fi
mkdir -p "$OUT"

# 1. Merge the adapter: the prebuilt model library expects plain Llama-3.1-8B weights, not LoRA.
echo "Merging $ADAPTER into $BASE -> $MERGED"
run python3 - "$BASE" "$ADAPTER" "$MERGED" <<'PY'
import sys
import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

base_id, adapter_id, out = sys.argv[1:4]
base = AutoModelForCausalLM.from_pretrained(base_id, torch_dtype=torch.bfloat16, low_cpu_mem_usage=True)
merged = PeftModel.from_pretrained(base, adapter_id).merge_and_unload()
merged.save_pretrained(out, safe_serialization=True)
AutoTokenizer.from_pretrained(base_id).save_pretrained(out)
print(f"merged model written to {out}")
PY

for QUANT in $QUANTS; do
  DEST="$OUT/RoGuard-1.0-$QUANT-MLC"
  echo "Converting to $QUANT -> $DEST"
  # 2. Quantize and shard the weights (params_shard_*.bin + tensor-cache.json).
  run mlc_llm convert_weight "$MERGED" --quantization "$QUANT" ${MLC_DEVICE:+--device "$MLC_DEVICE"} -o "$DEST"
  # 3. The chat config. "LM" is MLC's raw-text template (no roles, no system text); prefill chunk 1024
  #    matches the prebuilt "_cs1k" libraries. WebLLM overrides the context window at load time.
  run mlc_llm gen_config "$MERGED" --quantization "$QUANT" --conv-template LM \
    --context-window-size "$CONTEXT" --prefill-chunk-size 1024 -o "$DEST"
  # 4. "LM" carries Llama-2 token ids; give it Llama 3.1's BOS and stop tokens so generation ends
  #    where the reference harness's Hugging Face generate ends (<|end_of_text|>, <|eom_id|>, <|eot_id|>).
  run python3 - "$DEST" <<'PY'
import json, os, shutil, sys

dest = sys.argv[1]
path = os.path.join(dest, "mlc-chat-config.json")
with open(path, encoding="utf-8") as f:
    config = json.load(f)
conv = config["conv_template"]
conv.update({"name": "roguard-raw", "system_message": "", "stop_str": [],
             "stop_token_ids": [128001, 128008, 128009], "system_prefix_token_ids": [128000]})
with open(path, "w", encoding="utf-8") as f:
    json.dump(config, f, indent=2)
# WebLLM 0.2.86 reads tensor-cache.json; older mlc_llm releases named it ndarray-cache.json.
legacy, current = os.path.join(dest, "ndarray-cache.json"), os.path.join(dest, "tensor-cache.json")
if not os.path.exists(current) and os.path.exists(legacy):
    shutil.copyfile(legacy, current)
    print("note: copied ndarray-cache.json to tensor-cache.json; a current mlc_llm writes it itself")
for required in ("mlc-chat-config.json", "tensor-cache.json", "tokenizer.json"):
    if not os.path.exists(os.path.join(dest, required)):
        sys.exit(f"{dest} lacks {required}: the conversion did not finish")
print(f"{dest} is ready")
PY
done

cat <<EOF

Done. Upload each folder as its own model repository (or to any static host that sends CORS headers),
keeping the file names, for example:

  huggingface-cli upload <your-org>/RoGuard-1.0-q4f16_1-MLC $OUT/RoGuard-1.0-q4f16_1-MLC .
  huggingface-cli upload <your-org>/RoGuard-1.0-q4f32_1-MLC $OUT/RoGuard-1.0-q4f32_1-MLC .

Then point RoGuard Web at them, with {quant} standing for the build:

  at build time:  VITE_ROGUARD_MLC_URL='https://huggingface.co/<your-org>/RoGuard-1.0-{quant}-MLC' npm run build
  at run time:    Models page -> RoGuard weights URL (same value)
  offline:        Models page -> Import a local folder ($OUT/RoGuard-1.0-<quant>-MLC)

Respect the Llama 3.1 Community License of the base model when you publish the weights.
EOF
