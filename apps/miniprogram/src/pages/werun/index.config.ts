export default definePageConfig({ navigationBarTitleText: '微信运动' });
