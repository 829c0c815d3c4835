import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class OmiseApi implements ICredentialType {
	name = 'omiseApi';

	displayName = 'Omise API';

	icon: Icon = { light: 'file:omise.svg', dark: 'file:omise.dark.svg' };

	documentationUrl = 'https://docs.omise.co/api-authentication';

	properties: INodeProperties[] = [
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
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.omise.co',
			description:
				'Leave as https://api.omise.co. Change only to point at a local Omise sandbox for testing.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.secretKey}}',
				password: '',
			},
		},
	};

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
