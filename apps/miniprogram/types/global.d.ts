/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    /** The API's origin for the weapp build (the H5 build calls its own origin). */
    TARO_APP_API_BASE_URL?: string;
    TARO_APP_ID?: string;
  }
}
