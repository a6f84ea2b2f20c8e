# ruff: noqa: E501  (one message per line reads better than wrapped strings)
"""Ukrainian and Russian for django-otp-webauthn's browser scripts (the package ships neither).

Kept here rather than in a djangojs catalogue: these are the only script strings of the project.
"""

UK = {
    "An error occurred during registration.": "Під час реєстрації сталася помилка.",
    "An error occurred during verification.": "Під час перевірки сталася помилка.",
    "Finishing registration...": "Завершуємо реєстрацію…",
    "Finishing verification...": "Завершуємо перевірку…",
    "Register a Passkey": "Зареєструвати ключ доступу",
    "Registering...": "Реєструємо…",
    "Registration aborted or not allowed.": "Реєстрацію перервано або не дозволено.",
    "Registration aborted.": "Реєстрацію перервано.",
    "Registration failed. A server error occurred.": "Реєстрація не вдалася: помилка сервера.",
    "Registration failed. A technical problem occurred that prevents you from registering a Passkey "
    "for this site.": "Реєстрація не вдалася: технічна проблема не дає зареєструвати ключ доступу для цього сайту.",
    "Registration failed. An unknown error occurred.": "Реєстрація не вдалася: невідома помилка.",
    "Registration failed. The server was unable to verify this passkey.": "Реєстрація не вдалася: сервер не зміг перевірити цей ключ доступу.",
    "Registration failed. Unable to fetch registration options from server.": "Реєстрація не вдалася: не вдалося отримати параметри реєстрації із сервера.",
    "Registration failed. You most likely already have a Passkey registered for this site.": "Реєстрація не вдалася: найімовірніше, у вас уже є ключ доступу для цього сайту.",
    "Registration successful!": "Ключ доступу зареєстровано.",
    "Verification aborted.": "Перевірку перервано.",
    "Verification canceled or not allowed.": "Перевірку скасовано або не дозволено.",
    "Verification failed. A server error occurred.": "Перевірка не вдалася: помилка сервера.",
    "Verification failed. An unknown error occurred.": "Перевірка не вдалася: невідома помилка.",
    "Verification failed. An unknown server error occurred.": "Перевірка не вдалася: невідома помилка сервера.",
    "Verification failed. Could not retrieve parameters from the server.": "Перевірка не вдалася: не вдалося отримати параметри із сервера.",
    "Verification successful!": "Перевірку пройдено.",
    "Verify with Passkey": "Увійти з ключем доступу",
    "Verifying...": "Перевіряємо…",
}

RU = {
    "An error occurred during registration.": "При регистрации произошла ошибка.",
    "An error occurred during verification.": "При проверке произошла ошибка.",
    "Finishing registration...": "Завершаем регистрацию…",
    "Finishing verification...": "Завершаем проверку…",
    "Register a Passkey": "Зарегистрировать ключ доступа",
    "Registering...": "Регистрируем…",
    "Registration aborted or not allowed.": "Регистрация прервана или не разрешена.",
    "Registration aborted.": "Регистрация прервана.",
    "Registration failed. A server error occurred.": "Регистрация не удалась: ошибка сервера.",
    "Registration failed. A technical problem occurred that prevents you from registering a Passkey "
    "for this site.": "Регистрация не удалась: техническая проблема не позволяет зарегистрировать ключ доступа для этого сайта.",
    "Registration failed. An unknown error occurred.": "Регистрация не удалась: неизвестная ошибка.",
    "Registration failed. The server was unable to verify this passkey.": "Регистрация не удалась: сервер не смог проверить этот ключ доступа.",
    "Registration failed. Unable to fetch registration options from server.": "Регистрация не удалась: не удалось получить параметры регистрации с сервера.",
    "Registration failed. You most likely already have a Passkey registered for this site.": "Регистрация не удалась: скорее всего, у вас уже есть ключ доступа для этого сайта.",
    "Registration successful!": "Ключ доступа зарегистрирован.",
    "Verification aborted.": "Проверка прервана.",
    "Verification canceled or not allowed.": "Проверка отменена или не разрешена.",
    "Verification failed. A server error occurred.": "Проверка не удалась: ошибка сервера.",
    "Verification failed. An unknown error occurred.": "Проверка не удалась: неизвестная ошибка.",
    "Verification failed. An unknown server error occurred.": "Проверка не удалась: неизвестная ошибка сервера.",
    "Verification failed. Could not retrieve parameters from the server.": "Проверка не удалась: не удалось получить параметры с сервера.",
    "Verification successful!": "Проверка пройдена.",
    "Verify with Passkey": "Войти с ключом доступа",
    "Verifying...": "Проверяем…",
}

CATALOGUES = {"uk": UK, "ru": RU}
