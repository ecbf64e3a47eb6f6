"""Writes large photographic-looking JPEGs for the indexing benchmark.

usage: python3 synthetic_photos.py OUT_DIR COUNT [--width 4000 --height 3000 --workers N]

Each photo: a sky-like gradient, soft blurred shapes and a horizon, sharp detail strokes at full
resolution, and film-grain noise, so JPEG sizes and decode costs resemble real 12 MP photos
(4-7 MB at quality 92), unlike flat colours which compress to almost nothing.
Files are written atomically (tmp + rename), so an interrupted run leaves no truncated photo.
"""
from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

BASE_SCALE = 8  # the soft layer is drawn at 1/8 size and upsampled: smooth like out-of-focus areas


def _soft_layer(rng: np.random.Generator, w: int, h: int) -> Image.Image:
    c0, c1 = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    angle = rng.uniform(0, np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = (np.cos(angle) * xx / w + np.sin(angle) * yy / h)
    t = (t - t.min()) / max(float(t.max() - t.min()), 1e-6)
    img = (c0[None, None, :] * (1 - t[..., None]) + c1[None, None, :] * t[..., None]).astype(np.uint8)
    im = Image.fromarray(img, "RGB")
    draw = ImageDraw.Draw(im)
    horizon = int(rng.uniform(0.4, 0.8) * h)
    ground = tuple(int(v) for v in rng.integers(0, 200, 3))
    pts = [(0, horizon)] + [(x, horizon + int(rng.normal(0, h * 0.03))) for x in range(0, w + 40, 40)] + [(w, h), (0, h)]
    draw.polygon(pts, fill=ground)
    for _ in range(int(rng.integers(4, 12))):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.03, 0.2) * w
        fill = tuple(int(v) for v in rng.integers(0, 256, 3))
        if rng.random() < 0.5:
            draw.ellipse([x - r, y - r * rng.uniform(0.5, 1.5), x + r, y + r], fill=fill)
        else:
            n = int(rng.integers(3, 7))
            ang = np.sort(rng.uniform(0, 2 * np.pi, n))
            draw.polygon([(x + r * np.cos(a), y + r * np.sin(a)) for a in ang], fill=fill)
    return im.filter(ImageFilter.GaussianBlur(radius=rng.uniform(1.5, 4)))


def _detail(im: Image.Image, rng: np.random.Generator) -> None:
    w, h = im.size
    draw = ImageDraw.Draw(im)
    for _ in range(int(rng.integers(150, 400))):  # twigs, edges, text-like strokes: sharp high frequencies
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        dx, dy = rng.normal(0, w * 0.03, 2)
        fill = tuple(int(v) for v in rng.integers(0, 256, 3))
        draw.line([(x, y), (x + dx, y + dy)], fill=fill, width=int(rng.integers(1, 6)))


def _grain(shape: tuple[int, int, int], rng: np.random.Generator) -> np.ndarray:
    # Sum of two uniform int8 fields: cheap bell-shaped grain, amplitude chosen per photo (ISO-like).
    amp = int(rng.integers(4, 14))
    a = rng.integers(-amp, amp + 1, size=shape, dtype=np.int16)
    b = rng.integers(-amp, amp + 1, size=shape[:2] + (1,), dtype=np.int16)  # luminance grain
    return a + b


def _texture(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    # Mid-frequency mottling (foliage, fabric, sand): random field at 1/12 size, upsampled smoothly.
    small = Image.fromarray(rng.normal(0, 18, (h // 12, w // 12)).astype(np.float32), "F")
    return np.asarray(small.resize((w, h), Image.BILINEAR), dtype=np.float32).astype(np.int16)[..., None]


def make_photo(path: str, seed: int, width: int, height: int) -> int:
    rng = np.random.default_rng(seed)
    base = _soft_layer(rng, width // BASE_SCALE, height // BASE_SCALE)
    im = base.resize((width, height), Image.BICUBIC)
    _detail(im, rng)
    im = im.filter(ImageFilter.GaussianBlur(radius=0.7))  # lens softness on the strokes
    arr = np.asarray(im, dtype=np.int16) + _grain((height, width, 3), rng) + _texture(rng, width, height)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
    tmp = path + ".tmp"
    out.save(tmp, "JPEG", quality=92, optimize=False)
    os.replace(tmp, path)
    return os.path.getsize(path)


def _job(args: tuple[str, int, int, int]) -> int:
    return make_photo(*args)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("count", type=int)
    ap.add_argument("--width", type=int, default=4000)
    ap.add_argument("--height", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    jobs = []
    for i in range(args.count):
        p = os.path.join(args.out, f"photo-{i:04d}.jpg")
        if not os.path.exists(p):
            # Portrait every fifth photo, like a real camera roll.
            w, h = (args.height, args.width) if i % 5 == 4 else (args.width, args.height)
            jobs.append((p, 1000 + i, w, h))
    total = 0
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for done, size in enumerate(pool.map(_job, jobs), 1):
            total += size
            if done % 10 == 0 or done == len(jobs):
                print(f"generated {done}/{len(jobs)} photos", file=sys.stderr, flush=True)
    print(total)


if __name__ == "__main__":
    main()
