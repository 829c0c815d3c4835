import type { INodePropertyOptions } from 'n8n-workflow';

// Event keys from Omise's official webhook documentation and recorded
// deliveries. Keys missing here still arrive when "*" is selected.
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All Events (*)', value: '*', description: 'Any event, including keys not listed here' },
	{ name: 'Card Destroy', value: 'card.destroy', description: 'A saved card was deleted' },
	{ name: 'Card Update', value: 'card.update', description: 'A saved card was changed' },
	{ name: 'Charge Capture', value: 'charge.capture', description: 'An authorised charge was captured (paid)' },
	{
		name: 'Charge Complete',
		value: 'charge.complete',
		description: 'A 3-D Secure or offsite payment finished (redirect methods, and QR methods such as PromptPay): successful or failed',
	},
	{
		name: 'Charge Create',
		value: 'charge.create',
		description: 'A charge was created; a plain card charge is often already paid here',
	},
	{ name: 'Charge Reverse', value: 'charge.reverse', description: 'An authorisation was released' },
	{ name: 'Charge Update', value: 'charge.update', description: 'A charge changed (status, description or metadata)' },
	{ name: 'Customer Create', value: 'customer.create', description: 'A customer was saved' },
	{ name: 'Customer Destroy', value: 'customer.destroy', description: 'A customer was deleted' },
	{ name: 'Customer Update', value: 'customer.update', description: 'A customer changed (email, description, metadata, cards)' },
	{ name: 'Customer Update Card', value: 'customer.update.card', description: 'A card was changed through its customer' },
	{ name: 'Dispute Close', value: 'dispute.close', description: 'A dispute was closed: won, lost or accepted' },
	{ name: 'Dispute Create', value: 'dispute.create', description: 'A customer disputed a charge (chargeback)' },
	{ name: 'Dispute Update', value: 'dispute.update', description: 'A dispute changed, e.g. its status or the documents sent for it' },
	{ name: 'Link Create', value: 'link.create', description: 'A payment link was created' },
	{ name: 'Recipient Activate', value: 'recipient.activate', description: 'A recipient was activated and can receive transfers' },
	{ name: 'Recipient Create', value: 'recipient.create', description: 'A recipient (a bank account you send transfers to) was created' },
	{ name: 'Recipient Deactivate', value: 'recipient.deactivate', description: 'A recipient was deactivated and can no longer receive transfers' },
	{ name: 'Recipient Destroy', value: 'recipient.destroy', description: 'A recipient was deleted' },
	{ name: 'Recipient Update', value: 'recipient.update', description: 'A recipient changed (name, email, bank account or metadata)' },
	{ name: 'Recipient Verify', value: 'recipient.verify', description: 'A recipient’s bank account was verified' },
	{ name: 'Refund Create', value: 'refund.create', description: 'A charge was refunded (fully or partly)' },
	// Schedule events: sent by Omise for charge schedules, not in its published list of keys.
	{ name: 'Schedule Create', value: 'schedule.create', description: 'A charge schedule was created' },
	{ name: 'Schedule Destroy', value: 'schedule.destroy', description: 'A schedule was deleted' },
	{ name: 'Schedule Expire', value: 'schedule.expire', description: 'A schedule passed its end date' },
	{ name: 'Schedule Expiring', value: 'schedule.expiring', description: 'A schedule ends soon' },
	{ name: 'Schedule Suspend', value: 'schedule.suspend', description: 'A schedule was suspended after its charges kept failing' },
	{ name: 'Transfer Create', value: 'transfer.create', description: 'A transfer (a payout to your bank account or to a recipient) was created' },
	{ name: 'Transfer Destroy', value: 'transfer.destroy', description: 'A transfer was deleted before it was sent' },
	{ name: 'Transfer Update', value: 'transfer.update', description: 'A transfer changed, e.g. it was sent or paid' },
];
