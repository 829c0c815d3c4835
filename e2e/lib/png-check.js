'use strict';
// Checks that bytes are a valid PNG, as a decoder would read it: signature,
// every chunk's CRC-32, IHDR first, IEND last, and IDAT that inflates to the
// size the header promises. Returns { width, height }.
const { inflateSync } = require('node:zlib');
const assert = require('node:assert/strict');
const { crc32 } = require('../../sandbox/png');

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function checkPng(bytes) {
	assert.ok(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature');
	const chunks = [];
	for (let offset = 8; offset < bytes.length; ) {
		const length = bytes.readUInt32BE(offset);
		const typeAndData = bytes.subarray(offset + 4, offset + 8 + length);
		assert.equal(bytes.readUInt32BE(offset + 8 + length), crc32(typeAndData), `CRC of chunk ${typeAndData.subarray(0, 4)}`);
		chunks.push({ type: typeAndData.subarray(0, 4).toString('ascii'), data: typeAndData.subarray(4) });
		offset += 12 + length;
	}
	assert.equal(chunks[0].type, 'IHDR');
	assert.equal(chunks[chunks.length - 1].type, 'IEND');
	const width = chunks[0].data.readUInt32BE(0);
	const height = chunks[0].data.readUInt32BE(4);
	const depth = chunks[0].data[8];
	const channels = CHANNELS[chunks[0].data[9]];
	const pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
	assert.equal(pixels.length, height * (1 + Math.ceil((width * depth * channels) / 8)), 'IDAT holds the whole image');
	return { width, height };
}

module.exports = { checkPng };
