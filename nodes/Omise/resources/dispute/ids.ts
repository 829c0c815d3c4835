import { idField } from '../../common/ids';

export const disputePath = '/disputes/:disputeId';
export const documentsPath = `${disputePath}/documents`;
export const documentPath = `${documentsPath}/:documentId`;
export const disputeId = idField('disputeId', 'Dispute ID', 'dspt', 'dispute');
export const documentId = idField('documentId', 'Document ID', 'docu', 'document');
