import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useAction } from '../../api/hooks';
import { Btn, Card, Field, Notice, pressable } from '../../components/ui';
import { Page } from '../../components/page';
import { DISTRICT_OPTIONS, districtName } from '../../lib/districts';
import { loginCode, signIn } from '../../lib/session';

const isH5 = process.env.TARO_ENV === 'h5';

/** 登录: wx.login() → code → POST /v1/auth/wechat; a first login then chooses its district. */
export default function Login() {
  const [devName, setDevName] = useState('');
  const [step, setStep] = useState<'login' | 'district'>('login');
  const [district, setDistrict] = useState<string>();
  const { run, pending, error, setError } = useAction();

  const login = () =>
    run(async () => {
      if (isH5 && !/^[A-Za-z0-9_.-]{1,64}$/.test(devName)) {
        setError('请输入 1–64 位字母、数字或 _ . -。');
        return;
      }
      const session = await signIn(await loginCode(devName));
      setDistrict(session.districtCode);
      if (session.created) setStep('district');
      else void Taro.reLaunch({ url: '/pages/home/index' });
    });

  const chooseDistrict = () =>
    run(async () => {
      await signIn(await loginCode(devName), district);
      void Taro.reLaunch({ url: '/pages/home/index' });
    });

  return (
    <Page title={step === 'login' ? '登录碳普惠' : '选择所在区县'}>
      {step === 'login' ? (
        <Card>
          <View className="muted">
            绿色出行、旧衣回收、节能用电，都能记入你的个人碳账户，换成积分兑换礼品或捐给植树公益。
          </View>
          {isH5 ? (
            <>
              <View className="info">
                网页版使用开发环境登录（正式环境请在微信小程序中打开）。输入一个名字，即可以该身份登录。
              </View>
              <Field
                id="dev-name"
                label="开发登录名"
                value={devName}
                onInput={setDevName}
                placeholder="例如 alice"
                maxlength={64}
              />
            </>
          ) : null}
          <Notice error={error} />
          <Btn onClick={() => void login()} disabled={pending} testId="login">
            {isH5 ? '登录' : '微信一键登录'}
          </Btn>
        </Card>
      ) : (
        <Card title="你在哪个区县？">
          <View className="muted">区县决定适用的核算方法与减排量归属，以后可在“我的”中修改。</View>
          <View className="choice-row" role="radiogroup" aria-label="所在区县">
            {DISTRICT_OPTIONS.map((option) => (
              <View
                key={option.code}
                className={`choice${option.code === district ? ' choice-selected' : ''}`}
                aria-checked={option.code === district ? 'true' : 'false'}
                onClick={() => setDistrict(option.code)}
                {...pressable(() => setDistrict(option.code), 'radio')}
              >
                {option.name}
              </View>
            ))}
          </View>
          <Text className="muted">已选：{districtName(district)}</Text>
          <Notice error={error} />
          <Btn
            onClick={() => void chooseDistrict()}
            disabled={pending || !district}
            testId="confirm-district"
          >
            确定
          </Btn>
        </Card>
      )}
    </Page>
  );
}
