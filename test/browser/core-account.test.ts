// What a signed-in user can do with their account through the headless core client, in real
// Chromium against the emulator: attributes and their verification, passwords, sign-up codes,
// MFA settings, auth factors and deleting the account. Every test makes its own user.
import { expect } from '@open-wc/testing';
import { CognitoError, SignedOutError } from '../../src/core/index.ts';
import {
  createUser,
  expectStep,
  holdEmulator,
  latestCode,
  newClient,
  type NewUser,
  outbox,
  PASSWORD,
  recordEvents,
  rejectionOf,
  totp,
  uniqueName,
} from './support/core.ts';

/** A client with `user` signed in (the user must have no MFA). */
async function signedIn(user: NewUser) {
  const { client } = newClient();
  expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
  return client;
}

describe('core account actions', () => {
  holdEmulator('shared');

  it('refuses account actions with SignedOutError when nobody is signed in', async () => {
    const { client } = newClient();
    expect(await rejectionOf(client.getUser())).to.be.instanceOf(SignedOutError);
    expect(await rejectionOf(client.updateUserAttributes({ name: 'x' }))).to.be.instanceOf(SignedOutError);
  });

  it('getUser returns the username, the attributes and the MFA settings', async () => {
    const user = await createUser({ attributes: { email: `${uniqueName()}@example.com`, email_verified: 'true', name: 'Grace Hopper', 'custom:plan': 'pro' } });
    const client = await signedIn(user);
    const me = await client.getUser();
    expect(me.username).to.equal(user.username);
    expect(me.attributes).to.include({ email: user.email, email_verified: 'true', name: 'Grace Hopper', 'custom:plan': 'pro' });
    expect(me.attributes.sub).to.match(/^[0-9a-f-]{36}$/);
    expect(me.mfa).to.deep.equal({ enabled: [], preferred: undefined });
  });

  it('updateUserAttributes: a plain attribute changes at once, a new email needs its emailed code to be verified', async () => {
    const user = await createUser();
    const client = await signedIn(user);

    expect(await client.updateUserAttributes({ name: 'Ada' })).to.deep.equal({ verificationSent: [] });
    expect((await client.getUser()).attributes.name).to.equal('Ada');

    const newEmail = `${uniqueName('new')}@example.com`;
    const { verificationSent } = await client.updateUserAttributes({ email: newEmail });
    expect(verificationSent).to.have.length(1);
    expect(verificationSent[0]).to.include({ medium: 'EMAIL', attribute: 'email' });
    expect(verificationSent[0].destination).to.be.a('string').and.not.equal(newEmail);
    const [message] = (await outbox(user.username, 'verify_email')).slice(-1);
    expect(message.destination).to.equal(newEmail);

    await client.verifyAttribute('email', message.code);
    const { attributes } = await client.getUser();
    expect(attributes.email).to.equal(newEmail);
    expect(attributes.email_verified).to.equal('true');
  });

  it('sendAttributeVerificationCode sends a code that verifies the email', async () => {
    const email = `${uniqueName()}@example.com`;
    const user = await createUser({ attributes: { email, email_verified: 'false' } });
    const client = await signedIn(user);
    expect((await client.getUser()).attributes.email_verified).to.equal('false');

    const { delivery } = await client.sendAttributeVerificationCode('email');
    expect(delivery).to.include({ medium: 'EMAIL', attribute: 'email' });
    await client.verifyAttribute('email', await latestCode(user.username, 'verify_email'));
    expect((await client.getUser()).attributes.email_verified).to.equal('true');
  });

  it('verifyAttribute with a wrong code is CodeMismatchException and the email stays unverified', async () => {
    const user = await createUser({ attributes: { email: `${uniqueName()}@example.com`, email_verified: 'false' } });
    const client = await signedIn(user);
    await client.sendAttributeVerificationCode('email');
    const code = await latestCode(user.username, 'verify_email');
    const error = await rejectionOf(client.verifyAttribute('email', code === '000000' ? '111111' : '000000'));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('CodeMismatchException');
    expect((await client.getUser()).attributes.email_verified).to.equal('false');
  });

  it('deleteUserAttributes removes an optional and a custom attribute', async () => {
    const user = await createUser({ attributes: { email: `${uniqueName()}@example.com`, email_verified: 'true', name: 'Temp', 'custom:plan': 'free' } });
    const client = await signedIn(user);
    await client.deleteUserAttributes(['name', 'custom:plan']);
    const { attributes } = await client.getUser();
    expect(attributes).to.not.have.property('name');
    expect(attributes).to.not.have.property('custom:plan');
    expect(attributes.email).to.equal(user.email);
  });

  it('changePassword: the new password signs in, the old one no longer does', async () => {
    const user = await createUser();
    const client = await signedIn(user);
    await client.changePassword({ oldPassword: user.password, newPassword: 'Chang3dPassword' });
    await client.signOut();

    const error = await rejectionOf(client.signIn({ username: user.username, password: user.password }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('NotAuthorizedException');
    expectStep(await client.signIn({ username: user.username, password: 'Chang3dPassword' }), 'DONE');
  });

  it('changePassword with a wrong old password is NotAuthorizedException and changes nothing', async () => {
    const user = await createUser();
    const client = await signedIn(user);
    const error = await rejectionOf(client.changePassword({ oldPassword: 'Wr0ngPassword', newPassword: 'Chang3dPassword' }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('NotAuthorizedException');
    await client.signOut();
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
  });

  it('forgotPassword sends a code; confirmForgotPassword with it sets the new password', async () => {
    const user = await createUser();
    const { client } = newClient();
    const { delivery } = await client.forgotPassword({ username: user.username });
    expect(delivery).to.include({ medium: 'EMAIL', attribute: 'email' });

    await client.confirmForgotPassword({ username: user.username, code: await latestCode(user.username, 'forgot_password'), newPassword: 'Rec0veredPass' });
    const error = await rejectionOf(client.signIn({ username: user.username, password: user.password }));
    expect(error.code).to.equal('NotAuthorizedException');
    expectStep(await client.signIn({ username: user.username, password: 'Rec0veredPass' }), 'DONE');
  });

  it('resendSignUpCode sends a new code, and the newest confirms the sign-up', async () => {
    const username = uniqueName();
    const { client } = newClient();
    await client.signUp({ username, password: PASSWORD, attributes: { email: `${username}@example.com` } });
    const { delivery } = await client.resendSignUpCode({ username });
    expect(delivery).to.include({ medium: 'EMAIL', attribute: 'email' });
    expect(await outbox(username, 'signup')).to.have.length(2);

    expect(await client.confirmSignUp({ username, code: await latestCode(username, 'signup') })).to.deep.equal({});
    expectStep(await client.signIn({ username, password: PASSWORD }), 'DONE');
  });

  it('setUpTotp + verifyTotp make TOTP the preferred MFA, and the next sign-in asks TOTP_CODE', async () => {
    const user = await createUser();
    const client = await signedIn(user);
    const { secret, uri } = await client.setUpTotp();
    expect(uri.startsWith('otpauth://totp/')).to.equal(true);
    expect(new URL(uri).searchParams.get('secret')).to.equal(secret);

    await client.verifyTotp({ code: totp(secret) });
    expect(await client.getMfaPreference()).to.deep.equal({ enabled: ['TOTP'], preferred: 'TOTP' });
    await client.signOut();

    expectStep(await client.signIn({ username: user.username, password: user.password }), 'TOTP_CODE');
    expectStep(await client.confirmSignIn({ code: totp(secret) }), 'DONE');
  });

  it('setMfaPreference({ sms: false, totp: false }) turns MFA off, and the next sign-in asks nothing', async () => {
    const user = await createUser();
    const client = await signedIn(user);
    const { secret } = await client.setUpTotp();
    await client.verifyTotp({ code: totp(secret) });
    expect((await client.getMfaPreference()).enabled).to.deep.equal(['TOTP']);

    await client.setMfaPreference({ sms: false, totp: false });
    expect(await client.getMfaPreference()).to.deep.equal({ enabled: [], preferred: undefined });
    await client.signOut();
    expectStep(await client.signIn({ username: user.username, password: user.password }), 'DONE');
  });

  it('getAuthFactors lists the password and the verified email and phone as sign-in factors', async () => {
    const user = await createUser({
      attributes: { email: `${uniqueName()}@example.com`, email_verified: 'true', phone_number: '+15555550125', phone_number_verified: 'true' },
    });
    const client = await signedIn(user);
    const factors = await client.getAuthFactors();
    expect(factors.configured).to.have.members(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP']);
    expect(factors.mfa).to.deep.equal({ enabled: [], preferred: undefined });
  });

  it('deleteUser deletes the account, signs out with reason "deleted", and the user can no longer sign in', async () => {
    const user = await createUser();
    const client = await signedIn(user);
    const signedOut = recordEvents(client, 'signed-out');

    await client.deleteUser();

    expect(signedOut.filter((e) => e.reason === 'deleted')).to.have.length(1);
    expect(await rejectionOf(client.getSession())).to.be.instanceOf(SignedOutError);
    const error = await rejectionOf(client.signIn({ username: user.username, password: user.password }));
    expect(error).to.be.instanceOf(CognitoError);
    expect(error.code).to.equal('NotAuthorizedException');
  });
});
