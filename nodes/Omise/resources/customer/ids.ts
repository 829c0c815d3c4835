import { idField } from '../../common/ids';

export const customerPath = '/customers/:customerId';
export const cardPath = `${customerPath}/cards/:cardId`;
export const customerId = idField('customerId', 'Customer ID', 'cust', 'customer');
export const cardId = idField('cardId', 'Card ID', 'card', 'card');
