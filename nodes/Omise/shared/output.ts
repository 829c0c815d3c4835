import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * Links every output item to the input item it came from, so expressions such
 * as $('Read Sheet').item work after this node, also for list operations and
 * with "Continue (using error output)" (where n8n cannot pair items by count).
 */
export async function pairWithInputItem(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const pairedItem = { item: this.getItemIndex() };
	return items.map((item) => ({ ...item, pairedItem }));
}

/** One output item per object of an Omise list (`data`), keeping the pairing. */
export async function splitListData(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.flatMap((item) => {
		const data = (item.json as IDataObject).data;
		return (Array.isArray(data) ? (data as IDataObject[]) : []).map((json) => ({ json, pairedItem: item.pairedItem }));
	});
}
