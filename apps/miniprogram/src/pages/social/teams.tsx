import { View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../api';
import { useAction, useResource } from '../../api/hooks';
import type { Schemas } from '../../api/types';
import { Btn, Card, Choice, Field, Loading, Notice, Row } from '../../components/ui';
import { cstDate } from '../../lib/china-time';
import { formatGrams } from '../../lib/format';
import { TEAM_KIND_ZH } from '../../lib/terms';

type Team = Schemas['TeamDto'];
type TeamKind = Schemas['CreateTeamDto']['kind'];

function TeamCard({ team, onChanged }: { team: Team; onChanged: () => void }) {
  const [target, setTarget] = useState('10');
  const action = useAction();
  const setChallenge = () =>
    action.run(async () => {
      const grams = Math.round(Number(target) * 1000);
      await api.post('/v1/teams/{id}/challenges', {
        path: { id: team.id },
        body: { month: cstDate().slice(0, 7), targetGrams: String(grams) },
      });
      onChanged();
    });
  const leave = () =>
    action.run(async () => {
      await api.post('/v1/teams/{id}/leave', { path: { id: team.id } });
      onChanged();
    });
  return (
    <View className="list-item">
      <Row label={`${team.name}（${TEAM_KIND_ZH[team.kind] ?? team.kind}）`} value={`${team.members} 人`} />
      <View className="small">团队邀请码：{team.inviteCode}</View>
      {team.challenge ? (
        <View className="small">
          {team.challenge.month} 挑战：{formatGrams(team.challenge.grams)} /{' '}
          {formatGrams(team.challenge.targetGrams)}（{team.challenge.percent}%）
          {team.challenge.reached ? ' 已达成！' : ''}
        </View>
      ) : (
        <>
          <Field
            id={`target-${team.id}`}
            label="本月减排目标（千克）"
            type="digit"
            value={target}
            onInput={setTarget}
          />
          <Btn
            kind="plain"
            onClick={() => void setChallenge()}
            disabled={action.pending || !(Number(target) > 0)}
          >
            发起本月挑战
          </Btn>
        </>
      )}
      <Btn kind="plain" onClick={() => void leave()} disabled={action.pending}>
        退出团队
      </Btn>
      <Notice error={action.error} />
    </View>
  );
}

export function Teams() {
  const teams = useResource(() => api.get('/v1/me/teams'));
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TeamKind>('community');
  const [code, setCode] = useState('');
  const action = useAction();
  const create = () =>
    action.run(async () => {
      await api.post('/v1/teams', { body: { name: name.trim(), kind } });
      setName('');
      await teams.reload();
    });
  const join = () =>
    action.run(async () => {
      await api.post('/v1/teams/join', { body: { code: code.trim().toUpperCase() } });
      setCode('');
      await teams.reload();
    });
  return (
    <Card title="团队" testId="teams">
      <Loading
        loading={teams.loading && !teams.data}
        error={teams.error}
        empty={teams.data?.length === 0}
        emptyText="还没有加入团队。"
      />
      {teams.data?.map((team) => (
        <TeamCard key={team.id} team={team} onChanged={() => void teams.reload()} />
      ))}
      <Field id="team-code" label="团队邀请码" value={code} onInput={setCode} maxlength={10} />
      <Btn kind="plain" onClick={() => void join()} disabled={action.pending || code.trim().length !== 10}>
        加入团队
      </Btn>
      <Field id="team-name" label="新团队名称" value={name} onInput={setName} maxlength={40} />
      <Choice
        label="团队类型"
        value={kind}
        onChange={setKind}
        options={(Object.keys(TEAM_KIND_ZH) as TeamKind[]).map((value) => ({
          value,
          label: TEAM_KIND_ZH[value]!,
        }))}
      />
      <Btn onClick={() => void create()} disabled={action.pending || name.trim() === ''}>
        创建团队
      </Btn>
      <Notice error={action.error} />
    </Card>
  );
}
