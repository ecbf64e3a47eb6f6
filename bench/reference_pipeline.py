"""rclip-style reference indexer: the pipeline Facet's indexing speed is compared against.

usage: python3 reference_pipeline.py --model tiny|vitb32 --folder DIR --db FILE
                                     [--model-dir DIR] [--weights FILE] [--batch 32] [--warmup DIR]

Like rclip (github.com/yurijmikhalevich/rclip): walk the folder, PIL-open each image, preprocess
it the open_clip way (convert RGB, shortest-side bicubic resize, centre crop, normalise), run the
PyTorch image tower in batches under torch.no_grad with every core, normalise, and upsert
(path, mtime, size, vector) rows into SQLite, committing at the end.  rclip's default batch is 8;
32 is used here, which is no slower on CPU.  Prints one JSON document on stdout.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sqlite3
import sys
import time

import numpy as np
import torch
from PIL import Image, ImageFile, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

ImageFile.LOAD_TRUNCATED_IMAGES = True
IMAGE_RE = re.compile(r"^.+\.(jpe?g|png|webp)$", re.I)


def load_preprocess_cfg(model_dir: str) -> dict:
    with open(os.path.join(model_dir, "visual", "preprocess_cfg.json")) as f:
        return json.load(f)


def preprocess(path: str, size: int, mean: np.ndarray, std: np.ndarray, draft: bool = False) -> np.ndarray:
    """open_clip's image transform (torchvision Resize + CenterCrop + ToTensor + Normalize) with PIL.

    draft: let libjpeg decode at 1/2, 1/4 or 1/8 scale (still >= size), which rclip does not do.
    """
    with Image.open(path) as im:
        if draft:
            im.draft("RGB", (size, size))
        im = ImageOps.exif_transpose(im).convert("RGB")
        w, h = im.size
        if w <= h:
            nw, nh = size, int(size * h / w)
        else:
            nw, nh = int(size * w / h), size
        im = im.resize((nw, nh), Image.BICUBIC)
        left, top = int(round((nw - size) / 2.0)), int(round((nh - size) / 2.0))
        im = im.crop((left, top, left + size, top + size))
        x = np.asarray(im, dtype=np.float32) / 255.0
    return ((x - mean) / std).transpose(2, 0, 1)


def build_model(name: str, model_dir: str, weights: str | None) -> torch.nn.Module:
    if name == "tiny":
        from tiny_convnext import load_tiny

        return load_tiny(model_dir)
    from vit_b32 import build

    model = build()
    if weights:
        model.load_state_dict(torch.load(weights))
    return model.eval()


def check_against_onnx(model: torch.nn.Module, fixture: str) -> dict:
    """The fixture's embeddings are onnxruntime's for the same input tensors (batch of 10)."""
    with open(fixture) as f:
        ref = json.load(f)
    xs = np.stack([np.asarray(i["input"], np.float32).reshape(i["input_shape"][1:]) for i in ref["images"]])
    want = np.stack([np.asarray(i["embedding"], np.float32) for i in ref["images"]])
    with torch.no_grad():
        got = model(torch.from_numpy(xs)).numpy()
    diff = float(np.abs(got - want).max())
    return {"batch": len(xs), "max_abs_diff": diff, "ok": diff <= ref.get("tolerance", 1e-4)}


def dump_check(model: torch.nn.Module, folder: str, cfg: dict, out: str, count: int = 8) -> None:
    """Writes one preprocessed batch and PyTorch's embeddings for it, for the onnxruntime comparison."""
    size = cfg["size"][0] if isinstance(cfg["size"], list) else cfg["size"]
    mean, std = np.asarray(cfg["mean"], np.float32), np.asarray(cfg["std"], np.float32)
    xs = np.stack([preprocess(p, size, mean, std) for p in list_images(folder)[:count]]).astype(np.float32)
    with torch.no_grad():
        ys = model(torch.from_numpy(xs)).numpy().astype(np.float32)
    os.makedirs(out, exist_ok=True)
    xs.tofile(os.path.join(out, "input.f32"))
    ys.tofile(os.path.join(out, "output.f32"))
    with open(os.path.join(out, "meta.json"), "w") as f:
        json.dump({"input_dims": list(xs.shape), "output_dims": list(ys.shape)}, f)


def list_images(folder: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        out.extend(os.path.join(root, f) for f in sorted(files) if IMAGE_RE.match(f))
    return out


def open_db(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS images (id INTEGER PRIMARY KEY, deleted BOOLEAN, filepath TEXT NOT NULL "
               "UNIQUE, modified_at DATETIME NOT NULL, size INTEGER NOT NULL, vector BLOB NOT NULL)")
    return db


def index(model: torch.nn.Module, folder: str, db_path: str, cfg: dict, batch: int, draft: bool = False) -> dict:
    size = cfg["size"][0] if isinstance(cfg["size"], list) else cfg["size"]
    mean = np.asarray(cfg["mean"], np.float32)
    std = np.asarray(cfg["std"], np.float32)
    t = {"decode_preprocess_s": 0.0, "inference_s": 0.0, "db_s": 0.0}
    start = time.perf_counter()
    db = open_db(db_path)
    paths = list_images(folder)
    stored = 0
    for i in range(0, len(paths), batch):
        chunk = paths[i:i + batch]
        t0 = time.perf_counter()
        tensors, ok = [], []
        for p in chunk:
            try:
                tensors.append(preprocess(p, size, mean, std, draft))
                ok.append(p)
            except Exception as ex:  # rclip logs and skips unreadable files
                print(f"error loading image {p}: {ex}", file=sys.stderr)
        t1 = time.perf_counter()
        with torch.no_grad():
            feats = model(torch.from_numpy(np.stack(tensors)))
            feats = feats / feats.norm(dim=-1, keepdim=True)
        vecs = feats.numpy().astype(np.float32)
        t2 = time.perf_counter()
        for p, v in zip(ok, vecs):
            st = os.stat(p)
            db.execute("INSERT INTO images (deleted, filepath, modified_at, size, vector) VALUES (0, ?, ?, ?, ?) "
                       "ON CONFLICT(filepath) DO UPDATE SET deleted=0, modified_at=excluded.modified_at, "
                       "size=excluded.size, vector=excluded.vector", (p, st.st_mtime, st.st_size, v.tobytes()))
        stored += len(ok)
        t3 = time.perf_counter()
        t["decode_preprocess_s"] += t1 - t0
        t["inference_s"] += t2 - t1
        t["db_s"] += t3 - t2
        print(f"reference: {stored}/{len(paths)}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    db.commit()
    db.close()
    t["db_s"] += time.perf_counter() - t0
    seconds = time.perf_counter() - start
    return {"files": len(paths), "stored": stored, "seconds": seconds, "per_s": stored / seconds,
            **{k: round(v, 3) for k, v in t.items()}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", choices=["tiny", "vitb32"], required=True)
    ap.add_argument("--model-dir", required=True, help="model package (preprocess_cfg.json; tiny: the ONNX weights)")
    ap.add_argument("--weights", help="vitb32: the state_dict the ONNX export was made from")
    ap.add_argument("--folder", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--warmup", help="folder indexed first (untimed) into a throwaway database")
    ap.add_argument("--check-fixture", help="tiny: reference-embeddings.json to compare with onnxruntime's output")
    ap.add_argument("--draft", action="store_true", help="decode JPEGs at a reduced scale (not rclip's behaviour)")
    ap.add_argument("--dump-check", help="write one batch's input and PyTorch output to this folder and stop")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    model = build_model(args.model, args.model_dir, args.weights)
    cfg = load_preprocess_cfg(args.model_dir)
    if args.dump_check:
        dump_check(model, args.folder, cfg, args.dump_check)
        return
    result: dict = {"model": args.model, "batch": args.batch, "threads": torch.get_num_threads(),
                    "torch": torch.__version__}
    if args.check_fixture:
        result["onnx_check"] = check_against_onnx(model, args.check_fixture)
        print(f"reference: PyTorch vs onnxruntime embeddings, batch of {result['onnx_check']['batch']}: "
              f"max abs diff {result['onnx_check']['max_abs_diff']:.2e}", file=sys.stderr)
        if not result["onnx_check"]["ok"]:
            raise SystemExit("the PyTorch tiny model does not match the ONNX one")
    if args.warmup:
        index(model, args.warmup, args.db + ".warmup", cfg, args.batch, args.draft)
    result["draft"] = args.draft
    result.update(index(model, args.folder, args.db, cfg, args.batch, args.draft))
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
