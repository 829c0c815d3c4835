import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { AmountUnit } from '../../../shared/amounts';
import { toSmallestUnit } from '../../../shared/amounts';
import { omiseErrorOf } from '../../../shared/errors';
import { omiseGet } from '../../../shared/transport';
import { body, inputError } from '../../common/input';
import { prepareBeforeSending } from '../../sending/steps';

// A transfer's amount: Omise takes none but the smallest unit of the account's
// currency (a transfer has no currency parameter: it pays out of the balance).
// In the smallest unit it is sent as it is; in the major unit the node first
// asks Omise for the currency (`currencyPath`: the balance, or the transfer
// being updated), in the row's turn to send.

async function currencyFrom(context: IExecuteSingleFunctions, path: string, what: string): Promise<string> {
	const response = await omiseGet(context, path);
	if (response.statusCode >= 400) {
		const { code, message } = omiseErrorOf(response);
		throw inputError(context, `Omise error ${code}: ${message}`, `Looking up ${what} to convert Amount from the major unit failed; nothing was sent. Set Amount Unit to "Smallest Unit" to send the amount without the look-up.`);
	}
	const currency = (response.body as IDataObject | undefined)?.currency;
	if (typeof currency !== 'string' || currency === '') throw inputError(context, `Omise's answer for ${what} has no currency; nothing was sent`);
	return currency;
}

/** An amount in the major unit checked before any request: a positive number with at most 2 decimals (what every currency Omise supports allows at most). */
function checkMajorAmount(context: IExecuteSingleFunctions, value: unknown) {
	const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : undefined;
	const fraction = text === undefined ? undefined : /^\d+(?:\.(\d+))?$/.exec(text)?.[1];
	if (fraction !== undefined && fraction.replace(/0+$/, '').length > 2) {
		throw inputError(context, `Amount has more decimal places than any currency allows (at most 2); got ${text}`);
	}
	// Empty, not a number, or 0: the conversion's own message (the currency does not matter for these).
	toSmallestUnit(context.getNode(), value, '', 'major', 'Amount', context.getItemIndex());
}

/**
 * Puts the amount in the body (or in the object of it `into` gives, e.g. a
 * transfer schedule's `transfer`): at once in the smallest unit, else once the
 * currency at `currencyPath` is known.
 */
export function sendAmountOf(
	context: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
	value: unknown,
	currencyPath: string,
	what: string,
	into: (options: IHttpRequestOptions) => IDataObject = body,
) {
	const unit = context.getNodeParameter('amountUnit', 'major') as AmountUnit;
	if (unit === 'smallest') {
		into(requestOptions).amount = toSmallestUnit(context.getNode(), value, '', 'smallest', 'Amount', context.getItemIndex());
		return;
	}
	checkMajorAmount(context, value);
	prepareBeforeSending(
		requestOptions,
		async (prepared, options) => {
			const currency = await currencyFrom(prepared, currencyPath, what);
			into(options).amount = toSmallestUnit(prepared.getNode(), value, currency, 'major', 'Amount', prepared.getItemIndex());
		},
		{ amount: value, amountUnit: unit },
	);
}
