// An ID of the wrong kind is refused before any request: Dispute.
import { casesOf, checkPathIdsOf, idParametersOf } from '../harness/id-kinds';
import { useSandbox } from '../harness/operation';

const omise = useSandbox();

/** No Dispute operation sends an ID in its body. */
const BODY_IDS: Array<[string, Record<string, unknown>, string]> = [];

describe('an ID of the wrong kind is refused before any request', () => {
	test('every ID in the URL of a Dispute operation', async () => {
		// Accept, Get, Get Documents, Update, Upload Document; Get Document and Delete Document (Dispute ID and Document ID)
		expect((await checkPathIdsOf(omise, 'dispute')).sort()).toEqual([
			'dispute.accept',
			'dispute.deleteDocument',
			'dispute.deleteDocument',
			'dispute.get',
			'dispute.getDocument',
			'dispute.getDocument',
			'dispute.getDocuments',
			'dispute.update',
			'dispute.uploadDocument',
		]);
	});

	test('every ID parameter of a Dispute operation is one of the cases above', async () => {
		expect(await idParametersOf('dispute')).toEqual(await casesOf('dispute', BODY_IDS));
	});
});
