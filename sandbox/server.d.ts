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
	/**
	 * The injected fault, and whether the request was handled before it (with
	 * `processAfterMs`: false on arrival, true once it has been handled later).
	 */
	fault?: FaultKind;
	handled?: boolean;
	/** With `processAfterMs`: when (ms since the epoch, real time) the request was handled, and the status its answer would have had. */
	handledAt?: number;
	handledStatus?: number;
	/** With `twin`: the status of the twin request and the id of the object it answered (null if it failed). */
	twin?: { status: number; id: string | null };
}

export type FaultKind = '500' | '429' | 'stall' | 'reset' | 'garbage' | 'none';

/** An injected fault (see sandbox/faults.js); plain JSON, so also POST /__sandbox/faults { faults }. */
export interface FaultSpec {
	kind: FaultKind;
	/** HTTP method, or '*'; default POST. */
	method?: string;
	/** Exact path, or a prefix ending in '*'; default '*'. */
	path?: string;
	bodyIncludes?: string;
	/** Fire on every n-th matching request; default 1. */
	every?: number;
	/** Fire at most this often; default (or null) unlimited. */
	times?: number | null;
	/** Seconds, for 429 only; default 1. */
	retryAfter?: number;
	/**
	 * Handle the request before failing (default: true for stall, reset and none, and
	 * whenever processAfterMs is set; false for 500 and garbage; never for 429).
	 */
	process?: boolean;
	/** Handle the request this many ms after the fault answered, stalled or dropped the connection (once); not for 429 or none. */
	processAfterMs?: number;
	/** Someone else makes the same request first (n8n_ metadata keys removed, a fresh card token): see Sandbox.twins. */
	twin?: boolean;
	/** garbage: the status (default 200), raw body (default 'This is not JSON {') and Content-Type (default 'text/plain'; '' for none). */
	status?: number;
	body?: string;
	contentType?: string;
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
	/** How long a new object stays out of GET /search (Omise's search index lags its lists); default 0. */
	searchLagMs?: number;
	publicUrl?: string;
	webhooks?: WebhookConfig;
	/** The base clock; default the real time. */
	now?: () => Date;
	/** Omise's clock runs this many ms ahead of `now` (negative: behind); default 0. */
	clockOffsetMs?: number;
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
	/** Ids of the objects made by twin requests (fault option `twin`), in order; cleared by clearRequests(). */
	twins: string[];
	maxInFlight: number;
	faults: { set(specs: FaultSpec[]): unknown; add(specs: FaultSpec | FaultSpec[]): unknown };
	store: {
		/** The sandbox's (Omise's) time. */
		now(): Date;
		clockOffsetMs: number;
		/** Moves Omise's clock: it runs offsetMs ahead of the real one. */
		setClockOffset(offsetMs: number): void;
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
	/** Omise's clock runs offsetMs ahead of the real one (negative: behind) from now on. */
	setClockOffset(offsetMs: number): void;
	requestsTo(method: string, pathPrefix?: string): SandboxRequest[];
}

export declare function createSandbox(options?: SandboxOptions): Promise<Sandbox>;
export declare const DEFAULT_KEYS: { testSecretKey: string; liveSecretKey: string; testPublicKey: string };
