export default definePageConfig({ navigationBarTitleText: '记录低碳行为' });
