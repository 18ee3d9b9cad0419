// Lists what GPAC's JavaScript parser (the mp4box npm package) sees in an MP4 file, as one JSON document:
// the movie, its tracks and every sample (offset, size, dts, cts, duration, sync), so tests can compare it
// with our own reader. Usage: node probe.cjs FILE
'use strict';
const fs = require('fs');
const MP4Box = require('mp4box');

const file = process.argv[2];
if (!file) {
  console.error('usage: node probe.cjs FILE');
  process.exit(64);
}
const errors = [];
const mp4 = MP4Box.createFile();
let info = null;
mp4.onError = (e) => errors.push(String(e));
mp4.onReady = (i) => { info = i; };

// Fed in 1 MiB pieces, the way a player receives a download, so the parser's buffering is exercised too.
const fd = fs.openSync(file, 'r');
const piece = 1 << 20;
let position = 0;
for (;;) {
  const b = Buffer.alloc(piece);
  const n = fs.readSync(fd, b, 0, piece, position);
  if (n <= 0) break;
  const ab = b.buffer.slice(b.byteOffset, b.byteOffset + n);
  ab.fileStart = position;
  mp4.appendBuffer(ab);
  position += n;
}
fs.closeSync(fd);
mp4.flush();

const out = { errors, ready: info !== null };
if (info) {
  out.fragmented = info.isFragmented;
  out.timescale = info.timescale;
  out.duration = info.duration;
  out.tracks = info.tracks.map((t) => {
    const trak = mp4.getTrackById(t.id);
    return {
      id: t.id,
      codec: t.codec,
      timescale: t.timescale,
      duration: t.duration,
      samples: trak.samples.map((s) => [s.offset, s.size, s.dts, s.cts, s.duration, s.is_sync ? 1 : 0]),
    };
  });
}
process.stdout.write(JSON.stringify(out) + '\n');
