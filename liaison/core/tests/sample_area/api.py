from rest_framework.routers import DefaultRouter

from liaison.core.api import TagViewSet

router = DefaultRouter()
router.register("tags", TagViewSet, basename="sample-tag")
