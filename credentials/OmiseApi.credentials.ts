import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { OMISE_API_URL, OMISE_API_VERSION } from '../nodes/shared/constants';
import { link, OMISE_DASHBOARD_URL } from '../nodes/shared/editorText';

export class OmiseApi implements ICredentialType {
	name = 'omiseApi';

	displayName = 'Omise API';

	icon: Icon = { light: 'file:omise.svg', dark: 'file:omise.dark.svg' };

	documentationUrl = 'https://docs.omise.co/api-authentication';

	properties: INodeProperties[] = [
		{
			// n8n renders a notice as HTML: 2.x keeps only <a>, <ul> and <li>.
			displayName: [
				'Your keys are on the Keys page of the Omise dashboard:',
				`<ul><li>test mode: ${link(`${OMISE_DASHBOARD_URL}/test/keys`, 'dashboard.omise.co/test/keys')} (skey_test_…, test data only)</li>`,
				`<li>live mode: ${link(`${OMISE_DASHBOARD_URL}/live/keys`, 'dashboard.omise.co/live/keys')} (skey_live_…, real money)</li></ul>`,
				'Make one credential per mode. Paste the secret key (skey_…), not the public key (pkey_…). The Webhook Signing Secret is on the Webhooks page of the same mode. Leave API Base URL as it is: only tests change it.',
			].join(''),
			name: 'keysNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'skey_test_...',
			description:
				'Your Omise secret key: skey_test_… for test mode, skey_live_… for live mode (Omise dashboard → Keys). A public key (pkey_…) cannot call the API. Use one credential per mode.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The signing secret shown in the Omise dashboard under Webhooks (base64). The Omise Trigger uses it to verify that deliveries come from Omise; without it, the trigger re-fetches each event from the API instead.',
		},
		{
			displayName: 'API Base URL (for Testing Only)',
			name: 'baseUrl',
			type: 'string',
			default: OMISE_API_URL,
			description:
				'Leave as https://api.omise.co. Only tests change it, to point at a local Omise sandbox.',
		},
	];

	// A function, not n8n's generic expression form: it runs for every request,
	// and an expression would be evaluated (in n8n's expression sandbox) each time.
	// It also points requests at the API Base URL, so the node's own baseURL can be
	// a constant instead of an expression evaluated for every item.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const baseUrl = String(credentials.baseUrl || OMISE_API_URL).replace(/\/+$/, '');
		return {
			...requestOptions,
			baseURL: baseUrl,
			auth: { username: String(credentials.secretKey ?? ''), password: '' },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/account',
			headers: { 'Omise-Version': OMISE_API_VERSION },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Omise rejected this key (authentication_failure). Paste your secret key (skey_test_… or skey_live_…); a public key (pkey_…) cannot call the Omise API.',
				},
			},
		],
	};
}
