import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

const OMISE_API = 'https://api.omise.co';

export class OmiseApi implements ICredentialType {
	name = 'omiseApi';

	displayName = 'Omise API';

	icon: Icon = { light: 'file:omise.svg', dark: 'file:omise.dark.svg' };

	documentationUrl = 'https://docs.omise.co/api-authentication';

	properties: INodeProperties[] = [
		{
			displayName:
				'Find your keys in the Omise dashboard under Keys: the test dashboard (dashboard.omise.co/test/keys) for skey_test_…, the live dashboard (dashboard.omise.co/live/keys) for skey_live_…. Make one credential per mode. Use the secret key (skey_…), never the public key (pkey_…).',
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
			default: 'https://api.omise.co',
			description:
				'Leave as https://api.omise.co. Only tests change it, to point at a local Omise sandbox.',
		},
	];

	// A function, not n8n's generic expression form: it runs for every request,
	// and an expression would be evaluated (in n8n's expression sandbox) each time.
	// It also points requests at the API Base URL, so the node's own baseURL can be
	// a constant instead of an expression evaluated for every item.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const baseUrl = String(credentials.baseUrl || OMISE_API).replace(/\/+$/, '');
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
			headers: { 'Omise-Version': '2019-05-29' },
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
