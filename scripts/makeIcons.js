#!/usr/bin/env node
// Generates the add-in icons (assets/icon-<size>.png): a rounded green square with a
// white bar chart. Uses only Node's zlib; the PNG encoder is written by hand.
// Usage: node scripts/makeIcons.js
"use strict";

const { Buffer } = require("node:buffer");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = [16, 32, 64, 80, 128];
const BACKGROUND = [0x1b, 0x6e, 0x4a]; // dark green
const BAR = [0xff, 0xff, 0xff];
const SUBSAMPLES = 4; // 4x4 supersampling for smooth edges

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO 3309) as used by PNG chunks. */
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC over type+data. */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels (width*height*4 bytes) as a PNG file. */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** True when (x, y) in unit coordinates lies inside the rounded square. */
function inRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

// Three bars of increasing height, in unit coordinates: [left, right, top], bottom is shared.
const BARS = [
  [0.2, 0.34, 0.55],
  [0.43, 0.57, 0.38],
  [0.66, 0.8, 0.2],
];
const BAR_BOTTOM = 0.8;

/** True when (x, y) in unit coordinates lies on a bar. */
function inBar(x, y) {
  return BARS.some(([left, right, top]) => x >= left && x < right && y >= top && y < BAR_BOTTOM);
}

/** Renders the icon at the given pixel size as RGBA. */
function renderIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = SUBSAMPLES * SUBSAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      let barCover = 0;
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
          if (!inRoundedSquare(x, y, 0.18)) continue;
          cover++;
          if (inBar(x, y)) barCover++;
        }
      }
      const offset = (py * size + px) * 4;
      const barShare = cover === 0 ? 0 : barCover / cover;
      for (let c = 0; c < 3; c++) {
        rgba[offset + c] = Math.round(BACKGROUND[c] * (1 - barShare) + BAR[c] * barShare);
      }
      rgba[offset + 3] = Math.round((255 * cover) / samples);
    }
  }
  return rgba;
}

/** Writes every icon size into assets/. */
function main() {
  const outDir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, renderIcon(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, crc32, renderIcon };
