// Types for the sandbox (plain JavaScript, so the demo and CLI run without a build).
export interface SandboxRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body: Record<string, unknown> | undefined;
	auth: { user: string; password: string } | undefined;
	status: number | 'stalled' | 'reset' | undefined;
	startedAt: number;
	/** The injected fault, and whether the request was handled before it. */
	fault?: FaultKind;
	handled?: boolean;
}

export type FaultKind = '500' | '429' | 'stall' | 'reset';

export interface FaultSpec {
	kind: FaultKind;
	/** HTTP method, or '*'; default POST. */
	method?: string;
	/** Exact path, or a prefix ending in '*'; default '*'. */
	path?: string;
	bodyIncludes?: string;
	/** Fire on every n-th matching request; default 1. */
	every?: number;
	/** Fire at most this often; default unlimited. */
	times?: number;
	/** Seconds, for 429; default 1. */
	retryAfter?: number;
	/** Handle the request before failing (default: true for stall and reset, false for 500; never for 429). */
	process?: boolean;
}

export interface WebhookDeliveryRecord {
	url: string;
	eventId: string;
	key: string;
	status?: number;
	error?: string;
	body: string;
	headers: Record<string, string>;
	response?: string;
}

export interface WebhookConfig {
	endpoints?: string[];
	secret?: string;
	previousSecret?: string;
	version?: string;
}

export interface SandboxOptions {
	host?: string;
	port?: number;
	testSecretKey?: string;
	liveSecretKey?: string;
	testPublicKey?: string;
	latencyMs?: number;
	publicUrl?: string;
	webhooks?: WebhookConfig;
	now?: () => Date;
	faults?: FaultSpec[];
}

export interface SandboxRecord {
	object: string;
	id: string;
	livemode: boolean;
	[key: string]: unknown;
}

export declare class Sandbox {
	constructor(options?: SandboxOptions);
	options: Required<Pick<SandboxOptions, 'testSecretKey' | 'liveSecretKey' | 'testPublicKey'>> & SandboxOptions;
	url: string;
	publicUrl: string;
	port: number;
	requests: SandboxRequest[];
	maxInFlight: number;
	faults: { set(specs: FaultSpec[]): unknown; add(specs: FaultSpec | FaultSpec[]): unknown };
	store: {
		objects: Map<string, SandboxRecord>;
		get(kind: string, id: string, livemode: boolean): SandboxRecord | undefined;
		all(kind: string, livemode: boolean, predicate?: (record: SandboxRecord) => boolean): SandboxRecord[];
	};
	webhooks: {
		config: WebhookConfig;
		deliveries: WebhookDeliveryRecord[];
		configure(config: WebhookConfig): void;
		idle(): Promise<void>;
	};
	start(): Promise<Sandbox>;
	close(): Promise<void>;
	clearRequests(): void;
	requestsTo(method: string, pathPrefix?: string): SandboxRequest[];
}

export declare function createSandbox(options?: SandboxOptions): Promise<Sandbox>;
export declare const DEFAULT_KEYS: { testSecretKey: string; liveSecretKey: string; testPublicKey: string };
