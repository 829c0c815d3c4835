'use strict';
// A minimal method + path router: '/links/:id/charges' style patterns.

class Router {
	constructor() {
		this.routes = [];
	}

	add(method, pattern, handler) {
		const names = [];
		const source = pattern.replace(/:(\w+)/g, (_, name) => {
			names.push(name);
			return '([^/]+)';
		});
		this.routes.push({ method, regex: new RegExp(`^${source}$`), names, handler });
		this.routes.sort((a, b) => a.names.length - b.names.length); // stable: otherwise in the order added
	}

	// Returns { handler, params } or { methodNotAllowed: true } or undefined.
	// A route without parameters wins over a pattern (/charges/schedules over /charges/:id), as in Omise's API.
	match(method, path) {
		let pathMatched = false;
		for (const route of this.routes) {
			const found = route.regex.exec(path);
			if (!found) continue;
			pathMatched = true;
			if (route.method !== method) continue;
			const params = {};
			route.names.forEach((name, index) => {
				params[name] = decodeURIComponent(found[index + 1]);
			});
			return { handler: route.handler, params };
		}
		return pathMatched ? { methodNotAllowed: true } : undefined;
	}
}

module.exports = { Router };
