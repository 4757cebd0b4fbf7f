export default definePageConfig({ navigationBarTitleText: '我的碳账户', enableShareAppMessage: true });
