import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/** One output item per object of an Omise list (`data`), keeping the pairing. */
export async function splitListData(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return items.flatMap((item) => {
		const data = (item.json as IDataObject).data;
		return (Array.isArray(data) ? (data as IDataObject[]) : []).map((json) => ({ json, pairedItem: item.pairedItem }));
	});
}
