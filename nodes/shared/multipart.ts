import { randomBytes } from 'node:crypto';

// A multipart/form-data body (RFC 7578), built from Node's own Buffer: what
// Omise's document upload takes. The node sends JSON everywhere else.

export interface MultipartFile {
	/** The form field's name, e.g. `file`. */
	name: string;
	filename: string;
	contentType: string;
	data: Buffer;
}

/**
 * A file name as it can stand in the part's header: a quote, a backslash, a
 * line break or a slash would end or bend the quoted name (servers read them
 * differently), so each becomes `_`. Other characters go as UTF-8, as browsers send them.
 */
export function safeFileName(name: string): string {
	return name.replace(/["\\\r\n/]/g, '_');
}

/** A header value (a field name or a content type) with no line break, so that it cannot add a header. */
function oneLine(value: string): string {
	return value.replace(/[\r\n]/g, ' ');
}

/**
 * The body and its Content-Type (with the boundary) for text fields and files,
 * in that order. The boundary is random and, should the data hold it, drawn again.
 */
export function multipartBody(fields: Record<string, string>, files: MultipartFile[]): { body: Buffer; contentType: string } {
	let boundary: string;
	do boundary = `----n8nOmise${randomBytes(16).toString('hex')}`;
	while (files.some((file) => file.data.includes(boundary)) || Object.values(fields).some((value) => value.includes(boundary)));
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${safeFileName(oneLine(name))}"\r\n\r\n${value}\r\n`, 'utf8'));
	}
	for (const file of files) {
		const header =
			`--${boundary}\r\nContent-Disposition: form-data; name="${safeFileName(oneLine(file.name))}"; filename="${safeFileName(file.filename)}"\r\n` +
			`Content-Type: ${oneLine(file.contentType)}\r\n\r\n`;
		parts.push(Buffer.from(header, 'utf8'), file.data, Buffer.from('\r\n', 'utf8'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
