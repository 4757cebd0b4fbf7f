export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/login/index',
    'pages/record/index',
    'pages/social/index',
    'pages/shop/index',
    'pages/me/index',
    'pages/werun/index',
    'pages/timeline/index',
    'pages/bindings/index',
    'pages/privacy/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0b6e3f',
    navigationBarTitleText: '碳普惠',
    navigationBarTextStyle: 'white',
  },
});
