'use strict';
// A real PNG, made by hand (zlib + CRC-32): the sandbox's QR code documents.
// The picture has a QR code's look (three finder squares and modules derived
// from the text); it is not a scannable QR encoding.
const { deflateSync } = require('node:zlib');
const { createHash } = require('node:crypto');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(buffer) {
	let crc = 0xffffffff;
	for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

const MODULES = 25;
const SCALE = 8;
const QUIET = 4;

function isFinder(x, y) {
	for (const [fx, fy] of [[0, 0], [MODULES - 7, 0], [0, MODULES - 7]]) {
		const dx = x - fx;
		const dy = y - fy;
		if (dx >= 0 && dx < 7 && dy >= 0 && dy < 7) {
			const ring = Math.min(dx, dy, 6 - dx, 6 - dy);
			return { dark: ring !== 1 };
		}
	}
	return undefined;
}

/** A grayscale PNG of a QR-like pattern for `text`. */
function qrLikePng(text) {
	const bits = [];
	for (let round = 0; bits.length < MODULES * MODULES; round++) {
		for (const byte of createHash('sha256').update(`${text}#${round}`).digest()) {
			for (let bit = 0; bit < 8; bit++) bits.push((byte >> bit) & 1);
		}
	}
	const size = (MODULES + 2 * QUIET) * SCALE;
	const rows = [];
	for (let py = 0; py < size; py++) {
		const row = Buffer.alloc(size + 1, 255);
		row[0] = 0; // filter: none
		const y = Math.floor(py / SCALE) - QUIET;
		for (let px = 0; px < size; px++) {
			const x = Math.floor(px / SCALE) - QUIET;
			if (x < 0 || y < 0 || x >= MODULES || y >= MODULES) continue;
			const finder = isFinder(x, y);
			const dark = finder ? finder.dark : bits[y * MODULES + x] === 1;
			if (dark) row[px + 1] = 0;
		}
		rows.push(row);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header[8] = 8; // bit depth
	header[9] = 0; // grayscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

module.exports = { qrLikePng, crc32 };
