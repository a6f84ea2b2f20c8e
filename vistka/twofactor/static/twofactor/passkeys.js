// After django-otp-webauthn registers a passkey, go on to the page named by data-after-register.
document.addEventListener("otp_webauthn.register_complete", () => {
  const target = document.querySelector("[data-after-register]");
  if (target) window.location.assign(target.dataset.afterRegister);
});
