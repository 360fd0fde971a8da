"""Content types: one ``ContentType`` row per installed model, and generic relations.

``ContentType.objects.get_for_model(Model)`` names a model in the database;
``GenericForeignKey``/``GenericRelation`` (in ``fields``) point at any model through it.
"""
