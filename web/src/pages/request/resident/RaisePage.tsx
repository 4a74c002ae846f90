import { useEffect, useState, type RefObject } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Cascader, Checkbox, Dialog, DotLoading, ErrorBlock, Form, Input, Mask, Selector, SpinLoading, TextArea, type CascaderRef, type ImageUploadItem } from 'antd-mobile';
import { ApiError } from '../../../api/client';
import { PhotoField, photoIdsOf } from './PhotoField';
import { PrivacyPopup } from './PrivacyPopup';
import { RaiseHeader } from './RaiseHeader';
import { normalPhone, phoneOk, raiseWithChallenge, splitErrors } from './raiseFlow';
import { useRequestForm } from './residentApi';
import { residentStore } from './residentStore';
import { SimilarHint } from './SimilarHint';

interface Values {
  category: string[];
  place: string[];
  title: string;
  content: string;
  photos: ImageUploadItem[];
  name?: string;
  phone: string;
  consent: boolean;
}

/** The concern's text with "已有N条类似诉求" under it (a Form.Item child: value/onChange come from the form). */
function ContentField({ regionCode, title, max, value, onChange }: { regionCode: string; title: string; max: number; value?: string; onChange?: (v: string) => void }) {
  return (
    <>
      <TextArea value={value} onChange={onChange} placeholder="请写明发生了什么、在哪里、持续多久、希望怎样解决" autoSize={{ minRows: 4, maxRows: 10 }} maxLength={max} showCount />
      <SimilarHint regionCode={regionCode} text={`${title} ${value ?? ''}`} />
    </>
  );
}

/** 提交诉求: the public form of 协商到你家 (no account). */
export function RaisePage({ regionCode }: { regionCode: string }) {
  const { data: cfg, error, isLoading } = useRequestForm(regionCode);
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const title = Form.useWatch('title', form) ?? '';
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [privacyOpen, setPrivacyOpen] = useState(false);

  useEffect(() => {
    if (cfg) {
      residentStore.setRegion(regionCode);
      document.title = `提交诉求 · ${cfg.org.shortName}`;
    }
  }, [cfg, regionCode]);

  if (isLoading) return <><RaiseHeader /><div style={{ padding: 48, textAlign: 'center' }}><DotLoading /></div></>;
  if (!cfg) return <ErrorBlock status="default" title="无法打开提交页面" description={error instanceof ApiError ? error.message : '请检查网络后刷新重试'} style={{ paddingTop: 64 }} />;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const r = await raiseWithChallenge(
        regionCode,
        {
          categoryId: v.category[0],
          placeId: v.place[v.place.length - 1],
          title: v.title.trim(),
          content: v.content.trim(),
          name: v.name?.trim() || undefined,
          phone: normalPhone(v.phone),
          consent: true,
          photoIds: photoIdsOf(v.photos),
        },
        setVerifying,
      );
      residentStore.saveCode({ code: r.code, regionCode });
      form.resetFields();
      navigate(`/r/${regionCode}/done/${r.code}`, { replace: false });
    } catch (e) {
      const { fields, message } = splitErrors(e);
      if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      if (message) Dialog.alert({ title: e instanceof ApiError && e.status === 429 ? '提交过于频繁' : '未能提交', content: message, confirmText: '知道了' });
    } finally {
      setBusy(false);
    }
  };

  const options = cfg.places.map((t) => ({ label: t.name, value: t.id, children: t.children.length ? t.children.map((c) => ({ label: c.name, value: c.id })) : undefined }));
  return (
    <>
      <RaiseHeader orgName={cfg.org.name} subtitle={`身边的急事难事、意见建议，告诉政协委员。我们将在 ${cfg.rules.firstAnswerDays} 天内答复。`} />
      <div style={{ margin: '-10px 12px 0', background: '#fff', borderRadius: 12, overflow: 'hidden', position: 'relative' }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ photos: [], consent: false }}
          onFinish={submit}
          onFinishFailed={() => document.querySelector('.adm-form-item-feedback-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' })}
          footer={
            <Button block type="submit" color="primary" size="large" loading={busy} disabled={uploading} loadingText={verifying ? '正在进行安全验证…' : '正在提交…'}>
              {uploading ? '照片上传中…' : '提交诉求'}
            </Button>
          }
        >
          <Form.Item name="category" label="诉求分类" rules={[{ required: true, type: 'array', min: 1, message: '请选择诉求分类' }]}>
            <Selector columns={4} options={cfg.categories.map((c) => ({ label: c.name, value: c.id }))} style={{ '--padding': '8px 4px' }} />
          </Form.Item>
          <Form.Item
            name="place"
            label="所在地点"
            trigger="onConfirm"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择乡镇和村（社区）' }]}
            onClick={(_e, ref: RefObject<CascaderRef | null>) => ref.current?.open()}
          >
            <Cascader options={options} title="选择乡镇和村（社区）" placeholder="请选择">
              {(items) => (items.every((i) => !i) ? <span style={{ color: '#ccc' }}>请选择乡镇 → 村（社区）</span> : items.map((i) => i?.label).join(' '))}
            </Cascader>
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 5, message: '标题至少 5 个字' }]}>
            <Input placeholder="一句话说明，如：村口路灯坏了半个月" maxLength={cfg.rules.titleMax} clearable />
          </Form.Item>
          <Form.Item name="content" label="诉求内容" rules={[{ required: true, message: '请填写诉求内容' }, { min: 10, message: '诉求内容至少 10 个字' }]}>
            <ContentField regionCode={regionCode} title={title} max={cfg.rules.contentMax} />
          </Form.Item>
          <Form.Item name="photos" label="照片">
            <PhotoField regionCode={regionCode} rules={cfg.rules} onBusy={setUploading} onVerifying={setVerifying} />
          </Form.Item>
          <Form.Item name="name" label="称呼（选填）">
            <Input placeholder="如：王先生、李女士" maxLength={20} clearable />
          </Form.Item>
          <Form.Item
            name="phone"
            label="手机号"
            description="仅用于委员联系您核实情况，不会公开"
            rules={[{ required: true, message: '请填写手机号' }, { validator: (_r, v?: string) => (!v || phoneOk(v) ? Promise.resolve() : Promise.reject(new Error('请填写正确的 11 位手机号'))) }]}
          >
            <Input type="tel" inputMode="tel" placeholder="11 位手机号" maxLength={16} clearable autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="consent"
            valuePropName="checked"
            rules={[{ validator: (_r, v?: boolean) => (v ? Promise.resolve() : Promise.reject(new Error('请阅读并同意《个人信息收集说明》后再提交'))) }]}
          >
            <Checkbox style={{ '--icon-size': '18px', '--font-size': '14px' }}>
              我已阅读并同意
              <a
                onClick={(e) => {
                  e.preventDefault();
                  e.stopPropagation();
                  setPrivacyOpen(true);
                }}
                style={{ color: 'var(--adm-color-primary)' }}
              >
                《{cfg.privacy.title}》
              </a>
            </Checkbox>
          </Form.Item>
        </Form>
      </div>
      <PrivacyPopup privacy={cfg.privacy} visible={privacyOpen} onClose={() => setPrivacyOpen(false)} onAgree={() => form.setFieldValue('consent', true)} />
      <Mask visible={verifying} opacity="thick">
        <div style={{ position: 'absolute', top: '40%', left: 0, right: 0, textAlign: 'center', color: '#fff' }}>
          <SpinLoading color="white" style={{ margin: '0 auto 12px' }} />
          正在进行安全验证…
          <div style={{ fontSize: 12, opacity: 0.8, marginTop: 6 }}>通常只需几秒，请勿关闭页面</div>
        </div>
      </Mask>
    </>
  );
}
