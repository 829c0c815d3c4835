import { idField } from '../../common/ids';

export const transferPath = '/transfers/:transferId';
export const transferId = idField('transferId', 'Transfer ID', 'trsf', 'transfer');
