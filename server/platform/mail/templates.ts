// Texts of the e-mails Guanxi sends, in English and Simplified Chinese (by the recipient's locale).
import type { MailMessage } from './mailer.ts';

type Locale = 'en' | 'zh-CN';
const localeOf = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'zh-CN');

/** The password-reset mail with its one-time link. */
export function passwordResetMail(to: { email: string; name: string; locale: string | null }, link: string, validMinutes: number): MailMessage {
  if (localeOf(to.locale) === 'en') {
    return {
      to: to.email,
      subject: 'Reset your Guanxi password',
      text: [
        `Hello ${to.name},`,
        '',
        'Someone (hopefully you) asked to reset the password of your Guanxi account. To choose a new password, open this link:',
        '',
        link,
        '',
        `The link works once and expires in ${validMinutes} minutes. Setting a new password signs you out everywhere.`,
        'If you did not ask for this, ignore this message: your password stays as it is.',
      ].join('\n'),
    };
  }
  return {
    to: to.email,
    subject: '重置您的 Guanxi 密码',
    text: [
      `${to.name}，您好：`,
      '',
      '有人（希望是您本人）申请重置您的 Guanxi 账户密码。请打开以下链接设置新密码：',
      '',
      link,
      '',
      `此链接只能使用一次，${validMinutes} 分钟后失效。设置新密码后，您将在所有设备上退出登录。`,
      '如果这不是您本人的操作，请忽略此邮件，您的密码不会改变。',
    ].join('\n'),
  };
}

/** The mail an administrator's invitation (or set-a-new-password link) sends, with its one-time link. */
export function invitationMail(to: { email: string; name: string; locale: string | null }, link: string, validDays: number): MailMessage {
  if (localeOf(to.locale) === 'en') {
    return {
      to: to.email,
      subject: 'Choose your Guanxi password',
      text: [
        `Hello ${to.name},`,
        '',
        'An administrator invited you to Guanxi (or asked you to set a new password). To choose your password, open this link:',
        '',
        link,
        '',
        `The link works once and expires in ${validDays} days. Then sign in with your e-mail address, ${to.email}.`,
      ].join('\n'),
    };
  }
  return {
    to: to.email,
    subject: '设置您的 Guanxi 密码',
    text: [
      `${to.name}，您好：`,
      '',
      '管理员邀请您使用 Guanxi（或请您设置新密码）。请打开以下链接设置密码：',
      '',
      link,
      '',
      `此链接只能使用一次，${validDays} 天后失效。设置后请使用您的邮箱 ${to.email} 登录。`,
    ].join('\n'),
  };
}

/** The notice that a password was changed, so an owner who did not do it notices at once. */
export function passwordChangedMail(to: { email: string; name: string; locale: string | null }, resetUrl: string): MailMessage {
  if (localeOf(to.locale) === 'en') {
    return {
      to: to.email,
      subject: 'Your Guanxi password was changed',
      text: [
        `Hello ${to.name},`,
        '',
        'The password of your Guanxi account was just changed, and your other sessions were signed out.',
        '',
        `If this was not you, reset your password at once (${resetUrl}) and tell your administrator.`,
      ].join('\n'),
    };
  }
  return {
    to: to.email,
    subject: '您的 Guanxi 密码已更改',
    text: [
      `${to.name}，您好：`,
      '',
      '您的 Guanxi 账户密码刚刚被更改，其他设备上的登录已退出。',
      '',
      `如果这不是您本人的操作，请立即重置密码（${resetUrl}）并告知管理员。`,
    ].join('\n'),
  };
}
