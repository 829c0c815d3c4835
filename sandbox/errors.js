'use strict';
// Omise's error object: { object: "error", location, code, message }.

class OmiseError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}

	toJSON() {
		return {
			object: 'error',
			location: `https://www.omise.co/api-errors#${this.code.replace(/_/g, '-')}`,
			code: this.code,
			message: this.message,
		};
	}
}

const badRequest = (message) => new OmiseError(400, 'bad_request', message);
const notFound = (kind, id) => new OmiseError(404, 'not_found', `${kind} ${id} was not found`);

module.exports = { OmiseError, badRequest, notFound };
