"""PyJWT's warning classes."""


class RemovedInPyjwt3Warning(DeprecationWarning):
    pass


class InsecureKeyLengthWarning(UserWarning):
    pass
