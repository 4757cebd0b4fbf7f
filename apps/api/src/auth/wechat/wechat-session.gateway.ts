/**
 * What a mini-program login code is worth: the citizen's openid, and the session key that decrypts
 * their open data (WeRun steps). The session key stays server-side (WechatSessionKeys).
 */
export interface WechatSession {
  openid: string;
  unionid?: string;
  /** base64 of 16 bytes, as code2session returns it. */
  sessionKey?: string;
}

/** Exchanges a `wx.login()` code for a session (WeChat `code2session`, or the development stand-in). */
export abstract class WechatSessionGateway {
  abstract exchange(code: string): Promise<WechatSession>;
}
