export declare function sign(secretBase64: string, timestamp: number, rawBody: string): string;
export declare function signatureHeaders(
	secrets: string[],
	rawBody: string,
	timestamp?: number,
): { 'Omise-Signature': string; 'Omise-Signature-Timestamp': string };
