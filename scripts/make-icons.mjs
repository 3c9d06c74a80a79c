#!/usr/bin/env node
// Draws the extension icon (a blue shield with a white check mark) and writes
// public/icon/{16,32,48,128}.png. Pure Node: the shapes are geometry, the PNG encoder is the few
// chunks the format needs, and zlib does the compression. No image package, so the icons can be
// regenerated on any machine with `node scripts/make-icons.mjs` and reviewed as code.
// WXT picks up public/icon/<size>.png by name and lists them under `icons` in the manifest.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');

// Fluent "communication blue" family, so the icon sits well next to Partner Center's own chrome.
const SHIELD_TOP = [0x1b, 0x7f, 0xd6];
const SHIELD_BOTTOM = [0x0b, 0x4f, 0x9c];
const CHECK = [0xff, 0xff, 0xff];

// Samples per pixel side: 4×4 samples give smooth edges even at 16 px, where a shield is
// otherwise a jagged blob.
const SUPERSAMPLE = 4;

// --- Geometry, in unit coordinates (0..1 across the icon, y grows downwards) ---------------

const SHIELD = { left: 0.14, right: 0.86, top: 0.06, shoulder: 0.5, tip: 0.95, corner: 0.1 };
const CHECK_POINTS = [
  [0.3, 0.5],
  [0.45, 0.65],
  [0.71, 0.35],
];

/** True when (x, y) lies inside the shield: a rounded-top rectangle narrowing to a point. */
function insideShield(x, y) {
  const { left, right, top, shoulder, tip, corner } = SHIELD;
  const centre = (left + right) / 2;
  const halfWidth = (right - left) / 2;
  if (y < top || y > tip) return false;
  if (y <= shoulder) return insideRoundedTop(x, y, centre, halfWidth, top, corner);
  // Below the shoulder the sides curve in to the tip: 1 - t² keeps the sides full for a while
  // and ends in a point, the silhouette people read as "shield".
  const t = (y - shoulder) / (tip - shoulder);
  return Math.abs(x - centre) <= halfWidth * (1 - t * t);
}

function insideRoundedTop(x, y, centre, halfWidth, top, corner) {
  const dx = Math.abs(x - centre);
  if (dx > halfWidth) return false;
  const cornerCentreX = halfWidth - corner;
  const cornerCentreY = top + corner;
  if (dx <= cornerCentreX || y >= cornerCentreY) return true;
  return Math.hypot(dx - cornerCentreX, y - cornerCentreY) <= corner;
}

/** True when (x, y) lies within `halfThickness` of the check mark's polyline. */
function insideCheck(x, y, halfThickness) {
  for (let i = 0; i + 1 < CHECK_POINTS.length; i++) {
    const [ax, ay] = CHECK_POINTS[i];
    const [bx, by] = CHECK_POINTS[i + 1];
    if (distanceToSegment(x, y, ax, ay, bx, by) <= halfThickness) return true;
  }
  return false;
}

function distanceToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

// --- Rasterising ---------------------------------------------------------------------------

/** Renders the icon at `size` px as straight (non-premultiplied) RGBA bytes. */
function renderIcon(size) {
  // Small icons get a relatively thicker stroke, or the check vanishes at 16 px.
  const halfThickness = size <= 16 ? 0.075 : size <= 32 ? 0.065 : 0.055;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const [r, g, b, a] = renderPixel(px, py, size, halfThickness);
      rgba.set([r, g, b, a], (py * size + px) * 4);
    }
  }
  return rgba;
}

function renderPixel(px, py, size, halfThickness) {
  // Accumulate premultiplied colour so that edge pixels blend against transparency correctly.
  const sum = [0, 0, 0];
  let coverage = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
      const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
      if (!insideShield(x, y)) continue;
      const colour = insideCheck(x, y, halfThickness) ? CHECK : mix(SHIELD_TOP, SHIELD_BOTTOM, y);
      for (let i = 0; i < 3; i++) sum[i] += colour[i];
      coverage++;
    }
  }
  if (coverage === 0) return [0, 0, 0, 0];
  const alpha = coverage / (SUPERSAMPLE * SUPERSAMPLE);
  return [...sum.map((v) => Math.round(v / coverage)), Math.round(alpha * 255)];
}

// --- PNG encoding (RFC 2083: signature, IHDR, IDAT, IEND) ----------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CRC_TABLE = makeCrcTable();

function makeCrcTable() {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes square RGBA pixels as an 8-bit truecolour-with-alpha PNG. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); // width
  header.writeUInt32BE(size, 4); // height
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // bytes 10–12 stay 0: deflate compression, adaptive filtering, no interlace
  const rowLength = size * 4;
  const scanlines = Buffer.alloc(size * (rowLength + 1));
  for (let y = 0; y < size; y++) {
    // Filter type 0 (None) on every row: these icons are tiny, and a fixed filter keeps the
    // output byte-for-byte reproducible across Node versions.
    scanlines[y * (rowLength + 1)] = 0;
    rgba.copy(scanlines, y * (rowLength + 1) + 1, y * rowLength, (y + 1) * rowLength);
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanlines, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const size of SIZES) {
    const file = join(OUT_DIR, `${size}.png`);
    const png = encodePng(size, renderIcon(size));
    writeFileSync(file, png);
    console.log(`wrote ${file} (${png.length} bytes)`);
  }
}

main();
