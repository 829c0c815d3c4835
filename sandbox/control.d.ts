export declare function payLink(sandbox: unknown, link: unknown, options?: { card?: string }): Record<string, unknown>;
