import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { isOmiseId } from '../../shared/values';
import type { PreSend } from '../sending/steps';
import { checked } from '../sending/steps';
import { body, describeValue, inputError, isEmpty } from './preSend';

// Request steps of customers and their cards, and of the IDs a body holds
// (a schedule's customer and card): values the properties put in the body are
// checked there.

/** An Omise ID of the kind `prefix` the property put in the body; removed when empty unless required. */
export function checkBodyId(property: string, label: string, prefix: string, options: { required?: string } = {}): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const target = body(requestOptions);
		const value = target[property];
		if (isEmpty(value)) {
			if (options.required) throw inputError(this, `${label} is required: ${options.required}`);
			delete target[property];
			return requestOptions;
		}
		if (typeof value !== 'string') throw inputError(this, `${label} must be text, an ID starting with ${prefix}_; got ${describeValue(value)}`);
		const id = value.trim();
		if (!isOmiseId(id, prefix)) {
			throw inputError(this, `${label} must be an ID starting with ${prefix}_; got "${id.slice(0, 60)}"`, prefix === 'tokn' ? 'A card token is made in the browser or app with Omise.js or the mobile SDKs, from the public key.' : undefined);
		}
		target[property] = id;
		return requestOptions;
	});
}

/** Email as the property put it in the body: removed when empty, otherwise something@somewhere. */
export const checkEmail = checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
	const target = body(requestOptions);
	if (isEmpty(target.email)) {
		delete target.email;
		return requestOptions;
	}
	const email = typeof target.email === 'string' ? target.email.trim() : undefined;
	if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw inputError(this, `Email is not an email address: ${describeValue(target.email)}`);
	target.email = email;
	return requestOptions;
});

/** A whole number from `min` to `max` the property put in the body (a card's expiry); removed when empty. */
export function checkBodyInteger(property: string, label: string, min: number, max: number): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const target = body(requestOptions);
		const value = target[property];
		if (isEmpty(value) || value === 0) {
			delete target[property];
			return requestOptions;
		}
		const number = typeof value === 'number' || typeof value === 'string' ? Number(value) : NaN;
		if (!Number.isInteger(number) || number < min || number > max) {
			throw inputError(this, `${label} must be a whole number from ${min} to ${max}; got ${describeValue(value)}`);
		}
		target[property] = number;
		return requestOptions;
	});
}

/** An update must change something: Update Fields with no value in them is a mistake in the workflow. */
export function requireSomeUpdate(allowed: string): PreSend {
	return checked(async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		const fields = this.getNodeParameter('updateFields', {}) as IDataObject;
		const given = Object.entries(fields).some(([name, value]) => {
			if (name === 'metadata') return Array.isArray((value as IDataObject | undefined)?.metadataValues) && ((value as IDataObject).metadataValues as unknown[]).length > 0;
			return !isEmpty(value) && value !== 0;
		});
		if (!given) throw inputError(this, `${Object.keys(fields).length > 0 ? 'Update Fields holds only empty values' : 'Update Fields is empty'}: add ${allowed} to change`);
		return requestOptions;
	});
}
