// What the editor shows of the package: the nodes-panel entry, the trigger's
// set-up notice, the events and the credential's notice. e2e/screenshot.js
// checks the nodes panel and the notice in a real browser too.
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage } from './harness/n8n';

async function descriptions(): Promise<Record<string, INodeTypeDescription>> {
	const loader = await loadPackage();
	return Object.fromEntries(Object.keys(loader.nodeTypes).map((name) => [name, loader.getNode(name).type.description as INodeTypeDescription]));
}

function property(description: { properties: INodeProperties[] }, name: string): INodeProperties {
	const found = description.properties.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

/** The tags of an HTML text: n8n 2.x renders a notice keeping only <a>, <ul> and <li>. */
function tags(html: string): string[] {
	return [...new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((match) => match[1].toLowerCase()))].sort();
}

function links(html: string): string[] {
	return [...html.matchAll(/<a href="([^"]+)" target="_blank">/g)].map((match) => match[1]);
}

/** The text of each list item. */
function items(html: string): string[] {
	return [...html.matchAll(/<li>(.*?)<\/li>/g)].map((match) => match[1].replace(/<[^>]+>/g, ''));
}

describe('the nodes panel', () => {
	// n8n's editor (useActionsGeneration, the same in 1.x and 2.x) merges a trigger
	// into the node whose name is the trigger's without "Trigger", and the merged
	// entry takes the trigger's description. This does the same with our nodes.
	function entries(nodes: INodeTypeDescription[]) {
		const merged = nodes.filter((node) => !node.group.includes('trigger')).map((node) => ({ name: node.name, description: node.description }));
		for (const trigger of nodes.filter((node) => node.group.includes('trigger'))) {
			const app = merged.find((node) => node.name === trigger.name.replace('Trigger', ''));
			if (app) app.description = trigger.description;
			else merged.push({ name: trigger.name, description: trigger.description });
		}
		return merged;
	}

	test('the one Omise entry describes the actions and the trigger', async () => {
		const nodes = await descriptions();
		const panel = entries(Object.values(nodes));
		expect(panel.map((entry) => entry.name)).toEqual(['omise', 'omisePollTrigger']);
		const omise = panel[0].description;
		expect(omise).toContain(nodes.omise.description);
		expect(omise).toMatch(/payment links/);
		expect(omise).toMatch(/webhook event/);
		expect(nodes.omiseTrigger.description).toBe(omise);
		expect(panel[1].description).toMatch(/^Starts the workflow for each new Omise/);
	});
});

describe('the Omise Trigger', () => {
	test('the set-up notice: numbered steps, real links, n8n 2.x and 1.x words, where the Production URL is', async () => {
		const { omiseTrigger } = await descriptions();
		const notice = property(omiseTrigger, 'notice');
		const html = notice.displayName;
		expect(notice.type).toBe('notice');
		expect(tags(html)).toEqual(['a', 'li', 'ul']);
		expect(items(html).map((text) => text.slice(0, 3))).toEqual(['1. ', '2. ', '3. ', '4. ']);
		expect(links(html)).toEqual(['https://dashboard.omise.co/test/webhooks', 'https://dashboard.omise.co/live/webhooks']);
		const [copy, paste, secret, publish] = items(html);
		expect(copy).toMatch(/Webhook URLs at the top of this panel, then Production URL/);
		expect(paste).toMatch(/Webhooks page/);
		expect(secret).toMatch(/Webhook Signing Secret/);
		expect(publish).toMatch(/Publish the workflow \(n8n 2\.x; Activate in n8n 1\.x\)/);
		expect(html).not.toMatch(/above/);
		for (const text of items(html)) expect(text.length).toBeLessThanOrEqual(220);
	});

	test.each(['omiseTrigger', 'omisePollTrigger'])('%s: every event has a description (the nodes panel lists them as "On …" actions)', async (name) => {
		const nodes = await descriptions();
		const events = property(nodes[name], 'events');
		const options = events.options as INodePropertyOptions[];
		expect(options.length).toBeGreaterThanOrEqual(28);
		expect(options.filter((option) => !option.description).map((option) => option.value)).toEqual([]);
		expect(new Set(options.map((option) => option.description)).size).toBe(options.length);
	});
});

describe('the Omise API credential', () => {
	test('a visible notice says where the test and live keys are, with links, and that the base URL is for tests', async () => {
		const loader = await loadPackage();
		const credential = loader.getCredential('omiseApi').type;
		const notice = credential.properties[0];
		expect([notice.name, notice.type]).toEqual(['keysNotice', 'notice']);
		expect(tags(notice.displayName)).toEqual(['a', 'li', 'ul']);
		expect(links(notice.displayName)).toEqual(['https://dashboard.omise.co/test/keys', 'https://dashboard.omise.co/live/keys']);
		expect(items(notice.displayName)).toEqual([
			expect.stringMatching(/^test mode: .*skey_test_/),
			expect.stringMatching(/^live mode: .*skey_live_/),
		]);
		expect(notice.displayName).toMatch(/not the public key \(pkey_…\)/);
		expect(notice.displayName).toMatch(/Leave API Base URL as it is: only tests change it/);
		const baseUrl = credential.properties.find((candidate) => candidate.name === 'baseUrl');
		expect([baseUrl?.displayName, baseUrl?.default]).toEqual(['API Base URL (for Testing Only)', 'https://api.omise.co']);
	});
});
