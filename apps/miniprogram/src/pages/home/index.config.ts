export default definePageConfig({ navigationBarTitleText: '我的碳账户' });
