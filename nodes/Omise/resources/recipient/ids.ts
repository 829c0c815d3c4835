import { idField } from '../../common/ids';

export const recipientPath = '/recipients/:recipientId';
export const recipientId = idField('recipientId', 'Recipient ID', 'recp', 'recipient');
