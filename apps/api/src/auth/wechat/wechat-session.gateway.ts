/** What a mini-program login code is worth: the citizen's openid. The session_key stays server-side. */
export interface WechatSession {
  openid: string;
  unionid?: string;
}

/** Exchanges a `wx.login()` code for a session (WeChat `code2session`, or the development stand-in). */
export abstract class WechatSessionGateway {
  abstract exchange(code: string): Promise<WechatSession>;
}
